import { registry } from '../route/templates.js';
import type { DependencyVersions } from './versions.js';

/** What the app templates need. */
export interface AppTemplateInput {
  /** Folder and app name: `shop`. */
  name: string;
  /** The workspace's package scope: `@acme`. */
  scope: string;
  /** The port it serves on when PORT is unset (`freeDefaultPort`): 3001 beside the demo. */
  port: number;
  versions: DependencyVersions;
}

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

/** package.json: the same script names as every package in the workspace. */
export function appPackageJson(input: AppTemplateInput): string {
  const v = input.versions;
  return json({
    name: `${input.scope}/${input.name}`,
    version: '0.1.0',
    private: true,
    description: `${input.name}: a Koa app on the app shell and auth-core (made by pnpm gen app).`,
    type: 'module',
    engines: { node: '>=20.19' },
    scripts: {
      build: 'tsc -p tsconfig.build.json',
      start: 'node dist/server.js',
      dev: 'tsx watch src/server.ts',
      typecheck: 'tsc -p tsconfig.json --noEmit',
      lint: 'eslint .',
      test: 'vitest run',
    },
    dependencies: { [`${input.scope}/app-shell`]: 'workspace:*', [`${input.scope}/auth-core`]: 'workspace:*', koa: v.koa },
    devDependencies: { [`${input.scope}/vitest-config`]: 'workspace:*', '@koa/router': v['@koa/router'], '@types/koa': v['@types/koa'], '@types/supertest': v['@types/supertest'], supertest: v.supertest, tsx: v.tsx },
  });
}

/** tsconfig.json (typecheck: sources and tests) and tsconfig.build.json (emit: sources). */
export function appTsconfigs(): { check: string; build: string } {
  return {
    check: json({ extends: '../../tsconfig.base.json', compilerOptions: { noEmit: true, rootDir: '.', declaration: false, declarationMap: false }, include: ['src', 'test', 'vitest.config.ts'] }),
    build: json({ extends: '../../tsconfig.base.json', compilerOptions: { rootDir: 'src', outDir: 'dist', noEmit: false, declaration: false, declarationMap: false }, include: ['src'] }),
  };
}

/** vitest.config.ts, with the JSON report `.ci/run` sums up. */
export function appVitestConfig(input: AppTemplateInput): string {
  return `import { packageTestConfig } from '${input.scope}/vitest-config';

// Shared settings: tooling/vitest-config.
export default packageTestConfig('${input.name}');
`;
}

/** src/config.ts: the environment, read by the app shell's readAppConfig. */
export function appConfigModule(input: AppTemplateInput): string {
  return `import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readAppConfig, type AppConfig } from '${input.scope}/app-shell';

export { ConfigError, type AppConfig } from '${input.scope}/app-shell';

/** This app's folder (the same from src/ and dist/). */
export const APP_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Reads the configuration from \`env\`: the variables listed in .env.example (PORT, DATABASE_URL,
 * REDIS_URL, SESSION_STORE, SESSION_KEYS, APP_ORIGIN, TRUST_PROXY, NODE_ENV). Nothing is needed
 * in development. src/server.ts passes the real environment over .env and .env.local.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  return readAppConfig(env, { appRoot: APP_ROOT, appName: '${input.name}', defaultPort: ${input.port} });
}
`;
}

/** src/app.ts: createApp on the app shell (auth-core's security chain); routes here, features from src/features.ts. */
export function appModule(input: AppTemplateInput): string {
  return `import type Router from '@koa/router';
import { createWebApp, healthRoute, type AppConfig, type AppServices, type WebApp } from '${input.scope}/app-shell';
import { migrations, registerFeatureRoutes } from './features.js';
import { registerGeneratedRoutes } from './routes/generated/index.js';

/** The app's routes. Guard private ones with \`loginRequired()\` from auth-core. */
function routes(router: Router, services: AppServices, appName: string): void {
  router.get('/', (ctx) => ctx.render('home.njk'));
  healthRoute(router, services.probes);
  registerFeatureRoutes(router, services, appName);
  registerGeneratedRoutes(router);
}

/**
 * Builds the app without listening (tests drive it in-process): sessions, CSRF, security
 * headers come from auth-core's security chain, error pages from the app shell. Refuses an unsafe
 * production config.
 */
export async function createApp(config: AppConfig): Promise<WebApp> {
  return createWebApp({ config, migrations, routes: (router, services) => routes(router, services, config.appName) });
}
`;
}

/** src/server.ts: listen, log, shut down gracefully. */
export function appServerModule(input: AppTemplateInput): string {
  return `import { runServer, withEnvFiles } from '${input.scope}/app-shell';
import { createApp } from './app.js';
import { APP_ROOT, loadConfig } from './config.js';

// Serves the app on PORT (${input.port} when unset, see config.ts), with .env and .env.local under
// the real environment (development only): graceful shutdown on SIGTERM and SIGINT.
void runServer(() => loadConfig(withEnvFiles(APP_ROOT)), createApp);
`;
}

/** src/views/home.njk (the layout and error page come from the app shell; add a file of the same name to change them). */
export function appHomeView(input: AppTemplateInput): string {
  return `{% extends "layout.njk" %}
{% block title %}Welcome{% endblock %}
{% block content %}
<section class="card">
  <h1>${input.name}</h1>
  <p>This app was made by <code>pnpm gen app</code>. Edit <code>src/views/home.njk</code> to change this page.</p>
  {% if user %}<p><a class="button" href="/dashboard">Go to your dashboard</a></p>
  {% elif accounts %}<p><a class="button" href="/register">Create an account</a> or <a href="/login">log in</a>.</p>{% endif %}
</section>
{% endblock %}
`;
}

/** test/helpers.ts: the app under test, and the app shell's HTTP helpers. */
export function appTestHelpers(input: AppTemplateInput): string {
  return `import { testAppConfig } from '${input.scope}/app-shell/testing';
import { createApp } from '../src/app.js';
import { loadConfig, type AppConfig } from '../src/config.js';

export { client, logIn, register, signUp, TEST_ORIGIN as ORIGIN, TEST_PASSWORD as PASSWORD, tokenFrom, tokenIn } from '${input.scope}/app-shell/testing';

/** The app on in-memory SQLite, with a fake clock and fast, explicitly test-only hashing. */
export async function testApp(overrides: Partial<AppConfig> = {}) {
  const { config, clock, records } = testAppConfig(loadConfig({}), overrides);
  return { ...(await createApp(config)), clock, config, records };
}
`;
}

/** test/app.test.ts: what every app promises before it has any page of its own. */
export function appTest(input: AppTemplateInput): string {
  return `import { readFile } from 'node:fs/promises';
import { ENV_VARIABLES } from '${input.scope}/app-shell';
import { findUnprotectedRoutes } from '${input.scope}/auth-core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_ROOT } from '../src/config.js';
import { PUBLIC_PATHS } from '../src/features.js';
import { client, testApp } from './helpers.js';

describe('${input.name}', () => {
  let app: Awaited<ReturnType<typeof testApp>>;
  beforeAll(async () => {
    app = await testApp();
  });
  afterAll(async () => {
    await app.close();
  });

  it('serves the home page with the security headers', async () => {
    const res = await client(app).get('/');
    expect(res.status).toBe(200);
    expect(res.text).toContain('${input.name}');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it('reports its health', async () => {
    const res = await client(app).get('/healthz');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'ok', sessions: 'ok' });
  });

  it('answers an unknown page with a friendly 404, and JSON clients with problem details', async () => {
    const page = await client(app).get('/no-such-page');
    expect(page.status).toBe(404);
    expect(page.text).toContain('Page not found');
    const api = await client(app).get('/no-such-page').set('Accept', 'application/json');
    expect(api.headers['content-type']).toMatch(/^application\\/problem\\+json/);
    expect(api.body).toMatchObject({ type: 'urn:auth-core:problem:not-found', title: 'Page not found', status: 404 });
  });

  it('refuses a cross-site form post before any handler runs', async () => {
    const res = await client(app).post('/').set('Origin', 'https://evil.example').type('form').send({ a: '1' });
    expect(res.status).toBe(403);
  });

  it('protects every route that is not public', async () => {
    await expect(findUnprotectedRoutes(app.app, app.router, { publicPaths: PUBLIC_PATHS })).resolves.toEqual([]);
  });

  it('lists in .env.example every variable the app shell reads, with its default', async () => {
    const example = await readFile(\`\${APP_ROOT}/.env.example\`, 'utf8');
    const listed = [...example.matchAll(/^# ([A-Z][A-Z0-9_]*)=$/gm)].map((m) => m[1]);
    expect(listed).toEqual(ENV_VARIABLES.map((v) => v.name));
    for (const v of ENV_VARIABLES) expect(example).toContain(\`# Default: \${v.default}\\n# \${v.name}=\`);
  });
});
`;
}

/** README.md of the app. */
export function appReadme(input: AppTemplateInput): string {
  return `# ${input.name}

Made by \`pnpm gen app --name ${input.name}\`: a Koa app on \`${input.scope}/app-shell\` (configuration,
error pages, \`/healthz\`, accounts) and \`${input.scope}/auth-core\` (sessions, CSRF, security headers),
configured from the environment like the demo.

\`\`\`sh
pnpm --filter ${input.scope}/${input.name} dev     # http://localhost:${input.port} (PORT=… to change)
pnpm --filter ${input.scope}/${input.name} test
pnpm gen auth --app ${input.name}                  # add sign-up, sign-in and account pages
pnpm gen route --app ${input.name} --path /reports # add a protected page (after gen auth)
\`\`\`

\`src/features.ts\` is rewritten by the generators; everything else is yours to edit. Views fall
back to the app shell's defaults (layout, error, sign-in and account pages): add a file of the same
name under \`src/views/\` to change one.
`;
}

/** The generated-routes registry, empty. */
export function appRegistry(): string {
  return registry([]);
}
