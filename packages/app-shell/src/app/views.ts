import path from 'node:path';
import { fileURLToPath } from 'node:url';
import nunjucks from 'nunjucks';

/** The shell's own folder (the same from src/ and dist/): its default views and stylesheet live there. */
const PACKAGE_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The shell's default views (layout, error, sign-in, sign-up, account pages, mail): an app overrides one by adding a file of the same name. */
export const DEFAULT_VIEWS_DIR = path.join(PACKAGE_ROOT, 'views');

/** The shell's default public files (the stylesheet and the browser scripts), served after the app's own. */
export const DEFAULT_PUBLIC_DIR = path.join(PACKAGE_ROOT, 'public');

/**
 * The nunjucks environment of an app's pages and mail: the app's views under
 * `<appRoot>/src/views` first, then the shell's defaults; autoescape on, so user data in a page or
 * an HTML mail part is escaped. Only plain-text mail parts, which no browser renders, use
 * `{ html: false }`.
 *
 * @example
 * const views = viewEnvironment('/srv/shop');
 * views.render('login.njk', { next: '/reports' });
 */
export function viewEnvironment(appRoot: string, options: { html?: boolean } = {}): nunjucks.Environment {
  const loader = new nunjucks.FileSystemLoader([path.join(appRoot, 'src', 'views'), DEFAULT_VIEWS_DIR]);
  return new nunjucks.Environment(loader, { autoescape: options.html ?? true, throwOnUndefined: false });
}
