// The signed-in page's body as the demo renders it, for the subjects that serve the same page
// without the demo's request flow (the equal-guarantee peers and the hand-written floor), so every
// subject sends the same bytes. It is rendered once, at start, through the demo's own views
// (app-shell's nunjucks environment over apps/demo-koa) with markers where the user's name and the
// CSRF token of the logout form go; each request then joins the pieces, the cheapest way to send
// that page. `dashboard-body.test.ts` checks it against the page the running demo sends.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { viewEnvironment } from '@acme/app-shell';
import { escapeHtml } from '../escape.js';

/** The demo app's folder (its views are under src/views). */
const DEMO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../apps/demo-koa');
/** The demo's APP_NAME default, which its layout shows. */
const DEMO_APP_NAME = 'demo-koa';

/**
 * The demo's views (app-shell's nunjucks environment over apps/demo-koa, as the demo builds it)
 * and what its dashboard route gives the view for a signed-in user without an email address.
 *
 * @example
 * const { views, data } = demoDashboardView();
 * views.render('dashboard.njk', data('bench', token));
 */
export function demoDashboardView(): { views: ReturnType<typeof viewEnvironment>; data: (username: string, csrfToken: string) => Record<string, unknown> } {
  return {
    views: viewEnvironment(DEMO_ROOT).addGlobal('accounts', true),
    data: (username, csrfToken) => ({ appName: DEMO_APP_NAME, title: 'Dashboard', user: { username }, csrfToken }),
  };
}

/** Where the user's name and the CSRF token go in the page rendered once. */
const NAME = 'bench-name-marker';
const TOKEN = 'bench-token-marker';

/** The rendered page cut at the markers: text, then a name or a token, then text, … */
interface Pieces {
  texts: string[];
  slots: ('name' | 'token')[];
}

function cut(html: string): Pieces {
  const texts: string[] = [];
  const slots: ('name' | 'token')[] = [];
  const marker = new RegExp(`${NAME}|${TOKEN}`, 'g');
  let from = 0;
  for (let match = marker.exec(html); match; match = marker.exec(html)) {
    texts.push(html.slice(from, match.index));
    slots.push(match[0] === NAME ? 'name' : 'token');
    from = match.index + match[0].length;
  }
  texts.push(html.slice(from));
  return { texts, slots };
}

/**
 * Renders the demo's dashboard once (a signed-in user without an email address, as the bench
 * user is) and returns a function that fills in the user's name (escaped) and the logout form's
 * CSRF token.
 *
 * @example
 * const page = dashboardBody();
 * ctx.body = page('bench', session.csrfToken);
 */
export function dashboardBody(): (username: string, csrfToken: string) => string {
  const { views, data } = demoDashboardView();
  const html = views.render('dashboard.njk', data(NAME, TOKEN));
  const { texts, slots } = cut(html);
  if (!slots.includes('name') || !slots.includes('token')) throw new Error('the demo dashboard no longer shows the user name and a CSRF token: update dashboard-body.ts');
  return (username, csrfToken) => {
    const name = escapeHtml(username);
    let page = texts[0] ?? '';
    for (let i = 0; i < slots.length; i += 1) page += (slots[i] === 'name' ? name : csrfToken) + (texts[i + 1] ?? '');
    return page;
  };
}
