/** Longest `next` value considered; longer ones are refused outright. */
export const MAX_NEXT_LENGTH = 2048;

/** An origin no real request has, used only to parse `next` as a relative reference. */
const PROBE_ORIGIN = 'http://safe-next.invalid';

/**
 * Returns a redirect target that can only stay on this site: a path-absolute reference
 * (`/dashboard?tab=2#x`) rebuilt from the parsed URL, or `fallback` for anything else. Refused:
 * absolute URLs of any scheme, scheme-relative (`//evil`), backslash tricks (`/\evil`), control
 * characters and whitespace (TAB, CR, LF), relative paths without a leading slash, arrays
 * (`?next=a&next=b`), non-strings and values over 2048 characters. The value is not decoded again
 * (the query parser decoded it once) and never thrown on.
 *
 * @example
 * safeNext('/reports?year=2026');      // '/reports?year=2026'
 * safeNext('//evil.example/phish');     // '/dashboard'
 * safeNext('https://evil.example', '/'); // '/'
 */
export function safeNext(raw: unknown, fallback = '/dashboard'): string {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > MAX_NEXT_LENGTH) return fallback;
  // Control characters, whitespace-like separators and backslashes have no place in a path we
  // would redirect to; browsers treat `\` as `/` and strip TAB/CR/LF, which is how `/\evil` and
  // `/\t/evil` become `//evil`.
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  if (/[\u0000-\u0020\u007f-\u009f\\\u2028\u2029]/.test(raw)) return fallback;
  if (!raw.startsWith('/') || raw.startsWith('//')) return fallback;
  let url: URL;
  try {
    url = new URL(raw, PROBE_ORIGIN);
  } catch {
    return fallback;
  }
  if (url.origin !== PROBE_ORIGIN) return fallback;
  const rebuilt = `${url.pathname}${url.search}${url.hash}`;
  // Dot segments can collapse into `//` (`/.//evil` → `//evil`): check the result again.
  if (!rebuilt.startsWith('/') || rebuilt.startsWith('//')) return fallback;
  return rebuilt;
}
