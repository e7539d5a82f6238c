import path from 'node:path';
import type Koa from 'koa';
import nunjucks from 'nunjucks';
import { csrfToken } from '@acme/auth-core/koa';
import { APP_ROOT } from '../config.js';

/** A one-time message shown on the next page. */
export interface Flash {
  kind: 'success' | 'error';
  text: string;
}

declare module 'koa' {
  interface DefaultContext {
    /** Renders a nunjucks view as the HTML response, with the layout's shared variables. */
    render(view: string, data?: Record<string, unknown>): void;
    /** Sets a message for the next page. */
    flash(kind: Flash['kind'], text: string): void;
  }
}

/** The nunjucks environment: views under src/views, autoescape always on. */
export function createViewEnvironment(): nunjucks.Environment {
  return new nunjucks.Environment(new nunjucks.FileSystemLoader(path.join(APP_ROOT, 'src', 'views')), {
    autoescape: true,
    throwOnUndefined: false,
  });
}

/**
 * Adds `ctx.render(view, data)` and `ctx.flash(kind, text)`. Every page gets the signed-in user,
 * the CSRF token (for the logout button and forms) and the pending flash message.
 */
export function views(env: nunjucks.Environment, appName: string): Koa.Middleware {
  return async function viewHelpers(ctx, next) {
    ctx.flash = (kind, text) => {
      if (ctx.session) ctx.session.flash = { kind, text } satisfies Flash;
    };
    ctx.render = (view, data = {}) => {
      const session = ctx.session;
      const flash = session?.flash;
      if (session) delete session.flash;
      ctx.type = 'text/html; charset=utf-8';
      ctx.body = env.render(view, {
        appName,
        user: ctx.state.user,
        csrfToken: session ? csrfToken(ctx) : undefined,
        flash,
        ...data,
      });
    };
    await next();
  };
}
