/**
 * Escapes `&`, `<`, `>`, `"` and `'` (as nunjucks does) for HTML and SVG text and attribute values.
 *
 * @example
 * escapeHtml('a < b'); // 'a &lt; b'
 */
export function escapeHtml(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;').replaceAll("'", '&#39;');
}
