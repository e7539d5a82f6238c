const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * Escapes text for HTML content and quoted attributes (what nunjucks' autoescape does in the demo).
 *
 * @example
 * escapeHtml('<script>'); // '&lt;script&gt;'
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

/**
 * The login or registration form; the hidden fields are included only when given.
 *
 * @example
 * ctx.body = authForm('/login', { next: '/dashboard', csrf: csrfToken(ctx) });
 */
export function authForm(action: '/login' | '/register', fields: { next?: string; csrf?: string; error?: string } = {}): string {
  const hidden = (name: string, value: string | undefined) =>
    value === undefined ? '' : `<input type="hidden" name="${name}" value="${escapeHtml(value)}">`;
  const error = fields.error === undefined ? '' : `<p role="alert">${escapeHtml(fields.error)}</p>`;
  return `<form method="post" action="${action}">${error}${hidden('_csrf', fields.csrf)}${hidden('next', fields.next)}
<input name="username" autocomplete="username"> <input name="password" type="password">
<button>${action === '/login' ? 'Log in' : 'Create account'}</button></form>`;
}
