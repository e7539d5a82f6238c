import { GENERATED_MARKER } from '../plan.js';

/** What the route templates need. */
export interface RouteTemplateInput {
  path: string;
  slug: string;
  title: string;
  json: boolean;
  /** The workspace's package scope, from `workspaceScope`: `@acme`. */
  scope: string;
  /** A role the user must have (403 otherwise); any signed-in user when absent. */
  role?: string | undefined;
  /** Require a second factor (`loginRequired({ mfa: true })`): a user without one is sent to set it up. */
  mfa?: boolean | undefined;
  /** An existing view to render (the app shell's `dashboard.njk`) instead of writing a new one under views/generated/. */
  view?: string | undefined;
  /** The command that made it, for the module's comment. Default `pnpm gen route`. */
  madeBy?: string | undefined;
}

const q = (text: string) => JSON.stringify(text);

/** The route module: a thin handler behind `loginRequired()` from auth-core's Koa adapter. Yours to edit. */
export function routeModule(input: RouteTemplateInput): string {
  const handler = input.json
    ? `    ctx.body = { title: ${q(input.title)}, user: ctx.state.user?.id };`
    : `    ctx.render(${q(input.view ?? `generated/${input.slug}.njk`)}, { title: ${q(input.title)} });`;
  // A JSON route answers its refusals as problem details whatever Accept says: an API client never gets a login redirect.
  const options = [...(input.json ? ['json: true'] : []), ...(input.role === undefined ? [] : [`can: (user) => hasRole(user, ${q(input.role)})`]), ...(input.mfa === true ? ['mfa: true'] : [])];
  const guard = options.length === 0 ? 'loginRequired()' : `loginRequired({ ${options.join(', ')} })`;
  const who = `${input.role === undefined ? 'signed-in users' : `signed-in users with the ${input.role} role`}${input.mfa === true ? ' and a second factor' : ''} only`;
  return `import type Router from '@koa/router';
${input.role === undefined ? '' : `import { hasRole } from '${input.scope}/auth-core';\n`}import { loginRequired } from '${input.scope}/auth-core/koa';

/** GET ${input.path}: ${input.title}, for ${who} (made by \`${input.madeBy ?? 'pnpm gen route'}\`; yours to edit). */
export function register(router: Router): void {
  router.get(${q(input.path)}, ${guard}, (ctx) => {
${handler}
  });
}
`;
}

/** The page's view, in the app's layout (autoescaped). */
export function routeView(): string {
  return `{% extends "layout.njk" %}
{% block title %}{{ title }}{% endblock %}
{% block content %}
<section class="card">
  <h1>{{ title }}</h1>
  <p>Only signed-in users see this page. It was made by <code>pnpm gen route</code>; edit it freely.</p>
</section>
{% endblock %}
`;
}

/** The route's test: the guard's four promises, against the real app. */
export function routeTest(input: RouteTemplateInput): string {
  const signedIn = input.json
    ? `    const res = await agent.get(${q(input.path)}).set('Accept', 'application/json');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ title: ${q(input.title)} });`
    : `    const res = await agent.get(${q(input.path)});
    expect(res.status).toBe(200);
    expect(res.text).toContain(${q(input.title)});`;
  const role = input.role;
  const mfa = input.mfa === true;
  const roleImport = role === undefined ? '' : `import { requireAccounts } from '${input.scope}/app-shell';\n`;
  const mfaImport = mfa ? `import { logInWithSecondFactor, turnOnSecondFactor } from '${input.scope}/app-shell/testing';\n` : '';
  const grant =
    role === undefined
      ? ''
      : `
    await register(client(app), 'no-role');
    const { users } = requireAccounts(app.services);
    const owner = await users.findByUsername('route-owner');
    if (!owner) throw new Error('route-owner was not registered');
    await users.setRoles(owner.id, [${q(role)}]);${
      mfa
        ? `
    await register(client(app), 'no-second-factor');
    const without = await users.findByUsername('no-second-factor');
    if (!without) throw new Error('no-second-factor was not registered');
    await users.setRoles(without.id, [${q(role)}]);`
        : ''
    }`;
  const roleTest =
    role === undefined
      ? ''
      : `
  it(${q(`answers 403 to a signed-in user without the ${role} role`)}, async () => {
    const agent = client(app);
    await logIn(agent, 'no-role');
${
  input.json
    ? `    const res = await agent.get(${q(input.path)}).set('Accept', 'text/html');
    expect(res.status).toBe(403);
    expect(res.headers['content-type']).toMatch(/^application\\/problem\\+json/);
    expect(res.body).toMatchObject({ type: PROBLEM_TYPES.forbidden, status: 403 });`
    : `    expect((await agent.get(${q(input.path)})).status).toBe(403);`
}
  });
`;
  const noSecondFactorTest = !mfa
    ? ''
    : `
  it('sends a signed-in user without a second factor to set one up', async () => {
    const agent = client(app);
    await ${role === undefined ? `register(agent, 'no-second-factor')` : `logIn(agent, 'no-second-factor')`};
${
  input.json
    ? `    const res = await agent.get(${q(input.path)}).set('Accept', 'application/json');
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ type: PROBLEM_TYPES.secondFactorRequired, status: 403 });`
    : `    const res = await agent.get(${q(input.path)});
    expect(res.status).toBe(302);
    expect(res.headers.location).toBe(${q(`/account/two-factor?required=1&next=${encodeURIComponent(input.path)}`)});`
}
  });
`;
  const ownerLogIn = (next?: string) =>
    mfa ? `logInWithSecondFactor(agent, app, 'route-owner', secret${next === undefined ? '' : `, ${q(next)}`})` : `logIn(agent, 'route-owner'${next === undefined ? '' : `, undefined, ${q(next)}`})`;
  const anonymousTests = input.json
    ? `  it('answers 401 problem details to an anonymous browser asking for HTML: never a login redirect', async () => {
    const res = await client(app).get(${q(input.path)}).set('Accept', 'text/html');
    expect(res.status).toBe(401);
    expect(res.headers['content-type']).toMatch(/^application\\/problem\\+json/);
    expect(res.body).toMatchObject({ type: PROBLEM_TYPES.authenticationRequired, status: 401 });
  });

  it('answers 401 problem details to an anonymous JSON request', async () => {
    const res = await client(app).get(${q(input.path)}).set('Accept', 'application/json');
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ type: PROBLEM_TYPES.authenticationRequired, status: 401 });
  });`
    : `  it('redirects an anonymous page request to login with next', async () => {
    const res = await client(app).get(${q(input.path)});
    expect(res.status).toBe(302);
    expect(res.headers.location).toBe(${q(`/login?next=${encodeURIComponent(input.path)}`)});
  });

  it('answers 401 to an anonymous JSON request', async () => {
    const res = await client(app).get(${q(input.path)}).set('Accept', 'application/json');
    expect(res.status).toBe(401);
  });`;
  const problemImport = input.json ? `import { PROBLEM_TYPES } from '${input.scope}/auth-core/koa';\n` : '';
  return `${roleImport}${problemImport}${mfaImport}import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, logIn, register, testApp } from '../helpers.js';

describe(${q(`GET ${input.path} (generated)`)}, () => {
  let app: Awaited<ReturnType<typeof testApp>>;${mfa ? '\n  let secret: string;' : ''}
  beforeAll(async () => {
    app = await testApp();
    await register(client(app), 'route-owner');${grant}${mfa ? "\n    secret = await turnOnSecondFactor(app, 'route-owner');" : ''}
  });
  afterAll(async () => {
    await app.close();
  });

${anonymousTests}

  it(${q(`answers 200 to a signed-in user${role === undefined ? '' : ` with the ${role} role`}${mfa ? ' and a second factor' : ''}`)}, async () => {
    const agent = client(app);
    await ${ownerLogIn()};
${signedIn}
  });

${roleTest}${noSecondFactorTest}
  it('ignores an unsafe next after login', async () => {
    const agent = client(app);
    const res = await ${ownerLogIn(`//evil.example${input.path}`)};
    expect(res.headers.location).toBe('/dashboard');
  });
});
`;
}

/** The registry: imports every generated route module. Rewritten on each run. */
export function registry(slugs: readonly string[]): string {
  const sorted = [...new Set(slugs)].sort();
  const imports = sorted.map((slug, i) => `import { register as route${i} } from './${slug}.js';`).join('\n');
  const calls = sorted.map((_, i) => `  route${i}(router);`).join('\n');
  return `${GENERATED_MARKER}
// \`pnpm gen route\` rewrites this file from the route modules in this folder.
import type Router from '@koa/router';
${imports}

/** Registers every route made by \`pnpm gen route\`. */
export function registerGeneratedRoutes(router: Router): void {
${calls || '  void router;'}
}
`;
}
