import type Router from '@koa/router';
import type Koa from 'koa';
import { type RequestThrottle, safeNext, type SecurityLog } from '@acme/auth-core';
import { endPreAuth, formFields, login, loginRequired, readPreAuth, startPreAuth } from '@acme/auth-core/koa';
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type AuthenticatorTransportFuture,
  type RegistrationResponseJSON,
} from '@simplewebauthn/server';
import { isoBase64URL } from '@simplewebauthn/server/helpers';
import type { AccountMailer } from '../account-mail/index.js';
import type { KyselyAccountStore } from '../accounts/kysely-store.js';
import type { SecondFactor } from '../two-factor/index.js';
import type { RelyingParty } from '../passkeys/relying-party.js';
import { signedInAccount } from './signed-in-account.js';
import { SENSITIVE_SETTINGS_FRESH_MS } from './two-factor-routes.js';

/** How long a ceremony's challenge lives (SEC-PK-01). */
const CHALLENGE_MS = 5 * 60_000;
/** The pre-auth record of a passkey sign-in in progress. */
const PASSKEY_SIGN_IN = 'passkey';

/** What {@link passkeyAccountRoutes} and {@link passkeySignInRoutes} need: the app's services. */
export interface PasskeyRoutesOptions {
  /** Where accounts live. */
  users: KyselyAccountStore;
  /** Passkeys live in its store. */
  secondFactor: SecondFactor;
  /** Marks sign-in challenges used, atomically: the session record alone cannot stop two parallel posts. */
  passkeyChallenges: RequestThrottle;
  /** APP_ORIGIN's RP ID and origin; `undefined` on an IP address (no passkeys there). */
  relyingParty: RelyingParty | undefined;
  /** Receives passkey events. */
  securityLog: SecurityLog;
  /** Mails a notice for every change, and for a refused counter. */
  mailer: AccountMailer;
  /** The RP name authenticators show. */
  appName: string;
  /** Where a passkey sign-in without a safe `next` lands. Default `/dashboard`. */
  home?: string | undefined;
}

/** A body that looks like a WebAuthn response (the library checks the rest). */
function credentialOf(body: unknown): { id: string } | undefined {
  const value = body as { id?: unknown; response?: unknown } | undefined;
  return typeof value?.id === 'string' && value.id.length <= 1024 && typeof value.response === 'object' && value.response !== null ? { id: value.id } : undefined;
}

/** Takes the signed-in session's registration challenge, once: a second use finds nothing. */
function takeRegistrationChallenge(ctx: Koa.Context, now: number): string | undefined {
  const stored = ctx.session?.passkeyChallenge as { challenge?: unknown; expiresAt?: unknown } | undefined;
  if (ctx.session) delete ctx.session.passkeyChallenge;
  return typeof stored?.challenge === 'string' && typeof stored.expiresAt === 'number' && now < stored.expiresAt ? stored.challenge : undefined;
}

/** A JSON refusal the page script shows. */
function refuse(ctx: Koa.Context, status: number, message: string): void {
  ctx.status = status;
  ctx.body = { ok: false, message };
}

/**
 * Passkeys (WebAuthn, discoverable credentials, user verification required), with
 * `@simplewebauthn/server`, in two halves: `passkeyAccountRoutes` and `passkeySignInRoutes`.
 * - `GET /account/passkeys` (fresh sign-in): the list, **Add a passkey**, and a remove button each
 *   (`POST /account/passkeys/remove`, field `id`).
 * - `POST /account/passkeys/options` and `/account/passkeys/verify` (JSON, fresh sign-in): the
 *   registration ceremony; the challenge lives 5 minutes in the session and is used once.
 * - `POST /login/passkey/options` and `/login/passkey/verify` (JSON): the sign-in ceremony from
 *   the login page's **Sign in with a passkey**; the challenge lives in a pre-auth record. A
 *   verified assertion is a full sign-in (new session id) that counts as multi-factor; a signature
 *   counter that does not increase while either value is non-zero is refused and mailed.
 * RP ID and origin come from APP_ORIGIN; on an IP address passkeys are not offered.
 */
export function passkeyAccountRoutes(router: Router, options: PasskeyRoutesOptions): void {
  const { users, relyingParty, securityLog, mailer, appName } = options;
  const passkeyStore = options.secondFactor.store;
  const fresh = loginRequired({ fresh: SENSITIVE_SETTINGS_FRESH_MS });

  router.get('/account/passkeys', fresh, async (ctx) => {
    const user = await signedInAccount(ctx, users);
    ctx.render('account-passkeys.njk', { passkeys: await passkeyStore.listPasskeys(user.id), available: relyingParty !== undefined });
  });

  router.post('/account/passkeys/options', fresh, async (ctx) => {
    if (!relyingParty) return refuse(ctx, 404, 'Passkeys need the app on a host name (localhost in development).');
    const user = await signedInAccount(ctx, users);
    const existing = await passkeyStore.listPasskeys(user.id);
    const creation = await generateRegistrationOptions({
      rpName: appName,
      rpID: relyingParty.rpID,
      userName: user.username,
      userID: new TextEncoder().encode(user.id),
      attestationType: 'none',
      excludeCredentials: existing.map((p) => ({ id: p.id, transports: p.transports as AuthenticatorTransportFuture[] })),
      authenticatorSelection: { residentKey: 'required', userVerification: 'required' },
    });
    if (ctx.session) ctx.session.passkeyChallenge = { challenge: creation.challenge, expiresAt: Date.now() + CHALLENGE_MS };
    ctx.body = creation;
  });

  router.post('/account/passkeys/verify', fresh, async (ctx) => {
    const challenge = takeRegistrationChallenge(ctx, Date.now());
    const body: unknown = (ctx.request as { body?: unknown }).body;
    if (!relyingParty || challenge === undefined || !credentialOf(body)) return refuse(ctx, 400, 'This passkey request has expired. Try again.');
    const user = await signedInAccount(ctx, users);
    let verification;
    try {
      verification = await verifyRegistrationResponse({ response: body as RegistrationResponseJSON, expectedChallenge: challenge, expectedOrigin: relyingParty.origin, expectedRPID: relyingParty.rpID, requireUserVerification: true });
    } catch {
      return refuse(ctx, 400, 'The passkey could not be verified.');
    }
    if (!verification.verified) return refuse(ctx, 400, 'The passkey could not be verified.');
    const { credential, credentialDeviceType, credentialBackedUp } = verification.registrationInfo;
    const count = (await passkeyStore.listPasskeys(user.id)).length;
    await passkeyStore.addPasskey({
      id: credential.id,
      userId: user.id,
      publicKey: isoBase64URL.fromBuffer(credential.publicKey),
      counter: credential.counter,
      transports: credential.transports ?? [],
      deviceType: credentialDeviceType,
      backedUp: credentialBackedUp,
      name: `Passkey ${count + 1}`,
    });
    securityLog({ type: 'passkey.added', userId: user.id, ip: ctx.ip, outcome: 'success' });
    await mailer.notify(user, 'security-notice', { what: 'A passkey was added to your account.' });
    ctx.body = { ok: true };
  });

  router.post('/account/passkeys/remove', fresh, async (ctx) => {
    const { id } = formFields(ctx, ['id']);
    const user = await signedInAccount(ctx, users);
    const removed = await passkeyStore.removePasskey(user.id, id);
    if (removed) {
      securityLog({ type: 'passkey.removed', userId: user.id, ip: ctx.ip, outcome: 'success' });
      await mailer.notify(user, 'security-notice', { what: 'A passkey was removed from your account.' });
    }
    ctx.flash(removed ? 'success' : 'error', removed ? 'The passkey was removed.' : 'That passkey was already gone.');
    ctx.redirect('/account/passkeys');
  });
}

/** The sign-in side: the login page's "Sign in with a passkey" (called by `authRoutes`). */
export function passkeySignInRoutes(router: Router, options: PasskeyRoutesOptions): void {
  const { users, relyingParty, securityLog, mailer, passkeyChallenges } = options;
  const passkeyStore = options.secondFactor.store;
  const home = options.home ?? '/dashboard';

  router.post('/login/passkey/options', async (ctx) => {
    if (!relyingParty) return refuse(ctx, 404, 'Passkeys need the app on a host name (localhost in development).');
    const { next } = ((ctx.request as { body?: unknown }).body ?? {}) as { next?: unknown };
    const request = await generateAuthenticationOptions({ rpID: relyingParty.rpID, userVerification: 'required', allowCredentials: [] });
    await startPreAuth(ctx, PASSKEY_SIGN_IN, { challenge: request.challenge, next: safeNext(typeof next === 'string' ? next : '', home) }, CHALLENGE_MS);
    ctx.body = request;
  });

  router.post('/login/passkey/verify', async (ctx) => {
    const pending = readPreAuth(ctx, PASSKEY_SIGN_IN);
    const body: unknown = (ctx.request as { body?: unknown }).body;
    const sent = credentialOf(body);
    // The challenge is used once, whatever happens: a refusal ends the pre-auth record, and the
    // sign-in moves the session to a new id (the record holding the challenge is destroyed).
    const refuseAndEnd = (status: number, message: string) => {
      endPreAuth(ctx);
      refuse(ctx, status, message);
    };
    if (!relyingParty || typeof pending?.challenge !== 'string' || typeof pending.next !== 'string' || !sent) return refuseAndEnd(400, 'This sign-in has expired. Try again.');
    // Parallel posts all read the record before any ends it: one atomic mark per challenge decides
    // (a synced passkey's counter stays 0, so the counter's compare-and-set cannot).
    if (!(await passkeyChallenges.attempt(pending.challenge)).allowed) return refuseAndEnd(400, 'This sign-in has expired. Try again.');
    const passkey = await passkeyStore.findPasskey(sent.id);
    const user = passkey ? await users.findById(passkey.userId) : undefined;
    if (!passkey || !user || user.disabled) return refuseAndEnd(400, 'This passkey is not known here.');
    let verification;
    try {
      verification = await verifyAuthenticationResponse({
        response: body as AuthenticationResponseJSON,
        expectedChallenge: pending.challenge,
        expectedOrigin: relyingParty.origin,
        expectedRPID: relyingParty.rpID,
        credential: { id: passkey.id, publicKey: isoBase64URL.toBuffer(passkey.publicKey), counter: passkey.counter, transports: passkey.transports as AuthenticatorTransportFuture[] },
        requireUserVerification: true,
      });
    } catch (error) {
      if (error instanceof Error && /counter/i.test(error.message)) {
        securityLog({ type: 'login.failed', userId: user.id, ip: ctx.ip, outcome: 'failure', reason: 'passkey_counter' });
        await mailer.notify(user, 'security-notice', { what: 'A sign-in with one of your passkeys was refused: its signature counter went backwards, which can mean the passkey was copied.' });
      }
      return refuseAndEnd(400, 'The passkey could not be verified.');
    }
    // The counter moves only from the value checked: a parallel replay of one assertion loses.
    if (!verification.verified || !(await passkeyStore.updatePasskeyCounter(passkey.id, passkey.counter, verification.authenticationInfo.newCounter))) {
      return refuseAndEnd(400, 'The passkey could not be verified.');
    }
    await login(ctx, user);
    if (ctx.session) ctx.session.mfa = true;
    await users.recordSignIn(user.id);
    securityLog({ type: 'login.succeeded', username: user.username, userId: user.id, ip: ctx.ip, outcome: 'success', reason: 'passkey' });
    ctx.body = { ok: true, next: pending.next };
  });
}
