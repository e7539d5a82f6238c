// generated — do not edit by hand
// `pnpm gen route` rewrites this file from the route modules in this folder.
import type Router from '@koa/router';

/** Registers every route made by `pnpm gen route`. */
export function registerGeneratedRoutes(router: Router): void {
  void router;
}
