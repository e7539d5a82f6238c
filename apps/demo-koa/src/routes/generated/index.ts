// generated — do not edit by hand
// `pnpm gen route` rewrites this file from the route modules in this folder.
import type Router from '@koa/router';
import { register as route0 } from './admin.js';
import { register as route1 } from './dashboard.js';

/** Registers every route made by `pnpm gen route`. */
export function registerGeneratedRoutes(router: Router): void {
  route0(router);
  route1(router);
}
