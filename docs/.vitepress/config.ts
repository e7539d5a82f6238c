import { defineConfig } from 'vitepress';

/** The sidebar, exported so a test can check that every entry has a page. */
export const sidebar = [
  {
    text: 'Start here',
    items: [
      { text: 'Introduction', link: '/' },
      { text: 'Getting started', link: '/guide/getting-started' },
    ],
  },
  {
    text: 'Guides',
    items: [{ text: 'Migrating users from Flask/Werkzeug', link: '/guide/migrating-from-flask' }],
  },
  {
    text: 'Concepts',
    items: [{ text: 'Password hashing', link: '/concepts/password-hashing' }],
  },
];

export default defineConfig({
  title: 'acme auth template',
  description: 'Secure login for a new Node web project, from its first commit.',
  cleanUrls: true,
  // A dead internal link fails `vitepress build`; only links to the demo on localhost are exempt.
  ignoreDeadLinks: 'localhostLinks',
  themeConfig: {
    nav: [{ text: 'Guide', link: '/guide/getting-started' }],
    sidebar,
  },
});
