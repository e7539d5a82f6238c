import { checkScryptParams, type ScryptParams } from '../password/params.js';
import { checkSessionConfig } from '../session/config-check.js';
import type { SessionStore } from '../session/types.js';

/** What {@link checkDeployment} looks at. */
export interface DeploymentFacts {
  /** Production rules apply. */
  production: boolean;
  /** Cookie signing keys. */
  keys: readonly string[] | undefined;
  /** Secure cookies. */
  secure: boolean;
  /** Session cookie name. */
  cookieName: string;
  /** The session store. */
  store: SessionStore | undefined;
  /** scrypt params for new hashes. */
  scrypt: ScryptParams;
  /** Whether X-Forwarded-* headers are trusted (`app.proxy`). */
  trustProxy: boolean;
  /**
   * Whether this process terminates TLS itself (`https.createServer(app.callback())`). Default
   * false: the app speaks plain HTTP (as `runServer` serves it), so in production it must trust
   * the TLS-terminating proxy in front.
   */
  servesTls?: boolean | undefined;
  /** The public origin, e.g. `https://app.example`. */
  appOrigin: string;
}

/**
 * Why production needs TRUST_PROXY, and what to set. Koa sends a Secure cookie only on a request
 * it believes is HTTPS; over plain HTTP from an untrusted proxy every page would answer 500
 * ("Cannot send secure cookie over unencrypted connection").
 */
export const TRUST_PROXY_REQUIRED =
  'TRUST_PROXY is unset or 0: in production the app speaks plain HTTP behind a TLS-terminating proxy (nginx, Caddy, a load balancer), ' +
  'and unless it trusts that proxy every request looks unencrypted and no Secure cookie can be sent (every page would fail). ' +
  'Set TRUST_PROXY to the number of proxies in front of the app (usually TRUST_PROXY=1) and have the proxy send X-Forwarded-Proto: https.';

/**
 * A boot-time self-check, like Django's `check --deploy`: lists every unsafe setting with what
 * to do about it. In production: weak or missing keys, insecure cookies, a cookie name without
 * `__Host-`, the in-memory store, hashing below OWASP's minimum or marked test-only, an
 * `http://` origin, and plain HTTP with no trusted proxy in front ({@link TRUST_PROXY_REQUIRED}).
 *
 * @example
 * const problems = checkDeployment(facts);
 * if (problems.length) throw new Error(problems.join('\n'));
 */
export function checkDeployment(facts: DeploymentFacts): string[] {
  const problems = [
    ...checkSessionConfig(facts, { production: facts.production }),
    ...checkScryptParams(facts.scrypt, { production: facts.production }),
  ];
  if (facts.production && !facts.appOrigin.startsWith('https://')) {
    problems.push(`APP_ORIGIN is ${facts.appOrigin}; in production serve over HTTPS and set APP_ORIGIN=https://…`);
  }
  if (facts.production && !facts.trustProxy && facts.servesTls !== true) problems.push(TRUST_PROXY_REQUIRED);
  return problems;
}

/** Thrown by {@link assertSafeForProduction}; `problems` lists what to fix. */
export class UnsafeDeploymentError extends Error {
  /** Always `'UnsafeDeploymentError'`. */
  override name = 'UnsafeDeploymentError';
  /** One sentence per problem. */
  readonly problems: readonly string[];

  /** Builds the error from the problem list. */
  constructor(problems: readonly string[]) {
    super(`Refusing to start: unsafe configuration.\n- ${problems.join('\n- ')}`);
    this.problems = problems;
  }
}

/**
 * Throws {@link UnsafeDeploymentError} when {@link checkDeployment} finds anything.
 *
 * @example
 * assertSafeForProduction({ production: true, keys, secure: true, cookieName: '__Host-sid', store, scrypt, trustProxy, appOrigin });
 */
export function assertSafeForProduction(facts: DeploymentFacts): void {
  const problems = checkDeployment(facts);
  if (problems.length > 0) throw new UnsafeDeploymentError(problems);
}
