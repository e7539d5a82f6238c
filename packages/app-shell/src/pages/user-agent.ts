/**
 * A short, human description of a user agent for the sessions page ("Firefox on Linux"). Display
 * only: user agents are client-controlled, and the view escapes the text.
 *
 * @example
 * describeUserAgent('Mozilla/5.0 (X11; Linux x86_64) … Firefox/128.0'); // 'Firefox on Linux'
 */
export function describeUserAgent(userAgent: string): string {
  if (userAgent === '') return 'Unknown device';
  const browser =
    /Edg\//.test(userAgent) ? 'Edge' : /Firefox\//.test(userAgent) ? 'Firefox' : /Chrome\//.test(userAgent) ? 'Chrome' : /Safari\//.test(userAgent) ? 'Safari' : /curl\//.test(userAgent) ? 'curl' : 'Browser';
  const os =
    /Windows/.test(userAgent) ? 'Windows' : /Android/.test(userAgent) ? 'Android' : /iPhone|iPad/.test(userAgent) ? 'iOS' : /Mac OS X/.test(userAgent) ? 'macOS' : /Linux/.test(userAgent) ? 'Linux' : '';
  return os ? `${browser} on ${os}` : browser;
}
