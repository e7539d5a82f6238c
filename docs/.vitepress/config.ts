import { existsSync, readFileSync } from 'node:fs';
import { defineConfig, type DefaultTheme } from 'vitepress';
import { withMermaid } from 'vitepress-plugin-mermaid';

/**
 * The API reference sidebar, written by TypeDoc (`pnpm --filter @acme/docs reference`, run by
 * `build` and `dev`) from auth-core's doc comments. Empty until TypeDoc has run.
 */
function referenceItems(): DefaultTheme.SidebarItem[] {
  const file = new URL('../reference/api/typedoc-sidebar.json', import.meta.url);
  if (!existsSync(file)) return [];
  return JSON.parse(readFileSync(file, 'utf8')) as DefaultTheme.SidebarItem[];
}

/** The sidebar, exported so a test can check that every entry has a page. */
export const sidebar: { text: string; items: { text: string; link: string }[] }[] = [
  {
    text: 'Start here',
    items: [
      { text: 'Introduction', link: '/' },
      { text: 'Getting started', link: '/guide/getting-started' },
    ],
  },
  {
    text: 'Tutorial: from Flask to the demo',
    items: [
      { text: 'Overview', link: '/tutorial/' },
      { text: '1. Hashing passwords', link: '/tutorial/step-1-hashing' },
      { text: '2. Server-side sessions', link: '/tutorial/step-2-sessions' },
      { text: '3. loginRequired and a safe next', link: '/tutorial/step-3-login-required' },
      { text: '4. CSRF and POST logout', link: '/tutorial/step-4-csrf' },
      { text: '5. Throttling and generic errors', link: '/tutorial/step-5-throttling' },
      { text: '6. From here to the demo app', link: '/tutorial/step-6-the-demo' },
    ],
  },
  {
    text: 'Guides',
    items: [
      { text: 'Start a new project', link: '/guide/new-project' },
      { text: 'The demo app', link: '/guide/demo-app' },
      { text: 'Sessions and stores', link: '/guide/sessions' },
      { text: 'Configuration', link: '/guide/configuration' },
      { text: 'Operating an app', link: '/guide/operating' },
      { text: 'Protecting routes', link: '/guide/protecting-routes' },
      { text: 'Sign-up fields', link: '/guide/sign-up-fields' },
      { text: 'Email and account recovery', link: '/guide/email' },
      { text: 'Two-factor authentication and passkeys', link: '/guide/two-factor' },
      { text: 'Generators', link: '/guide/generators' },
      { text: '· gen app: a new app', link: '/guide/gen-app' },
      { text: '· gen auth: accounts and sign-in', link: '/guide/gen-auth' },
      { text: '· gen route: a protected route', link: '/guide/gen-route' },
      { text: 'Migrating users from Flask/Werkzeug', link: '/guide/migrating-from-flask' },
      { text: 'Deploy behind HTTPS', link: '/guide/deploy' },
      { text: 'Scale out on Redis + PostgreSQL', link: '/guide/scale-out' },
      { text: 'Keep dependencies updated', link: '/guide/keep-updated' },
      { text: 'Performance', link: '/guide/performance' },
    ],
  },
  {
    text: 'Concepts',
    items: [
      { text: 'Architecture', link: '/concepts/architecture' },
      { text: 'How a request flows', link: '/concepts/request-flow' },
      { text: 'Password hashing', link: '/concepts/password-hashing' },
      { text: 'Account recovery', link: '/concepts/account-recovery' },
      { text: 'Two-factor authentication', link: '/concepts/two-factor' },
      { text: 'Threat model', link: '/concepts/threat-model' },
    ],
  },
];

export default withMermaid(
  defineConfig({
    title: 'acme auth template',
    description: 'Secure login for a new Node web project, from its first commit.',
    cleanUrls: true,
    // A dead internal link fails `vitepress build`; only links to the demo on localhost are exempt.
    ignoreDeadLinks: 'localhostLinks',
    themeConfig: {
      nav: [
        { text: 'Guide', link: '/guide/getting-started' },
        { text: 'API reference', link: '/reference/api/' },
      ],
      sidebar: [
        ...sidebar,
        {
          text: 'API reference',
          link: '/reference/api/',
          items: referenceItems(),
          collapsed: true,
        },
      ],
    },
  }),
);
