/** The origin test requests claim (the default APP_ORIGIN in development). */
export const TEST_ORIGIN = 'http://localhost:3000';

/**
 * Reads the CSRF token from a page's hidden `_csrf` field; throws when the page has none.
 *
 * @example
 * const token = tokenIn((await agent.get('/login')).text);
 */
export function tokenIn(html: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!match?.[1]) throw new Error('no _csrf field on the page');
  return match[1];
}
