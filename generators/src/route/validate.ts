import { GeneratorError } from '../errors.js';

/** Paths the auth pages and the platform own; a generated route may not take them. */
export const RESERVED_PATHS = ['/', '/login', '/logout', '/register', '/healthz', '/dashboard', '/account', '/static', '/style.css'];

/** A validated route path: `/reports`, `/reports/monthly`. */
export interface RoutePath {
  /** The path as served: `/reports/monthly`. */
  path: string;
  /** Its segments: `['reports', 'monthly']`. */
  segments: string[];
}

/**
 * Validates a route path: lower-case segments of letters, digits and dashes, at most 4 deep, no
 * traversal, no encoding tricks, not reserved. Throws {@link GeneratorError} with the reason,
 * starting with `label` (the flag, or the question's words at a prompt).
 *
 * @example
 * parseRoutePath('/reports/monthly'); // { path: '/reports/monthly', segments: ['reports', 'monthly'] }
 */
export function parseRoutePath(raw: string, label = '--path'): RoutePath {
  const path = raw.trim();
  if (!path.startsWith('/')) throw new GeneratorError(`${label} must start with "/", e.g. /reports (got "${raw}").`);
  const segments = path.split('/').slice(1);
  if (segments.length === 0 || segments.length > 4 || segments.some((s) => !/^[a-z0-9]+(-[a-z0-9]+)*$/.test(s))) {
    throw new GeneratorError(
      `${label} "${raw}" is not a simple route: use 1 to 4 lower-case segments of letters, digits and dashes, like /reports or /reports/monthly (no "..", "%", "\\\\", ":" or trailing "/").`,
    );
  }
  const clean = `/${segments.join('/')}`;
  const reserved = RESERVED_PATHS.find((r) => r !== '/' && (clean === r || clean.startsWith(`${r}/`)));
  if (reserved) throw new GeneratorError(`${label} ${clean} is reserved (${reserved} belongs to the auth pages or the platform).`);
  return { path: clean, segments };
}

/** `reports-monthly` for `/reports/monthly`: the file and view name. */
export function slugOf(route: RoutePath): string {
  return route.segments.join('-');
}

/** A page title from the name or the path: "Monthly reports" or "Reports monthly". */
export function titleOf(route: RoutePath, name: string | undefined, label = '--name'): string {
  const base = name?.trim() || route.segments.join(' ').replace(/-/g, ' ');
  if (!/^[\p{L}\p{N} ,.'-]{1,60}$/u.test(base)) throw new GeneratorError(`${label} "${name ?? ''}" must be 1 to 60 letters, digits, spaces or ,.'- characters.`);
  return base.charAt(0).toUpperCase() + base.slice(1);
}

/**
 * Validates a role name for `--role`: lower-case letters, digits, `_` or `-`, starting with a
 * letter, at most 32 (the names `KyselyAccountStore.setRoles` accepts).
 *
 * @example
 * parseRole('admin'); // 'admin'
 */
export function parseRole(raw: string, label = '--role'): string {
  const role = raw.trim();
  if (!/^[a-z][a-z0-9_-]{0,31}$/.test(role)) throw new GeneratorError(`${label} "${raw}" must be 1 to 32 lower-case letters, digits, _ or -, starting with a letter (like admin).`);
  return role;
}
