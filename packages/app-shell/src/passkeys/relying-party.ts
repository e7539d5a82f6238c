import { isIP } from 'node:net';

/** The WebAuthn relying party of an app: its RP ID (a host name) and the origin browsers report. */
export interface RelyingParty {
  /** APP_ORIGIN's host name (`localhost` in development). */
  rpID: string;
  /** APP_ORIGIN itself. */
  origin: string;
}

/**
 * The relying party passkeys are bound to, from APP_ORIGIN: its host name is the RP ID and the
 * origin must match exactly. `undefined` when the host is an IP address, which can be no RP ID:
 * in development, open the app on `localhost` to use passkeys.
 *
 * @example
 * relyingParty('https://shop.example'); // { rpID: 'shop.example', origin: 'https://shop.example' }
 * relyingParty('http://127.0.0.1:3000'); // undefined
 */
export function relyingParty(appOrigin: string): RelyingParty | undefined {
  const url = new URL(appOrigin);
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (isIP(host) !== 0) return undefined;
  return { rpID: host, origin: url.origin };
}
