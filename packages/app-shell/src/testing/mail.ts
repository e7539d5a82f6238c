import type request from 'supertest';
import type { DevMail, MailWorker } from '../mail/index.js';
import { TEST_ORIGIN, tokenIn, type TestAgent } from './web-client.js';

/** What the mail helpers need of a test app: its worker and development mailbox. */
export interface AppWithMail {
  /** `services.mail` of an app built in development without SMTP_URL (as test configs are). */
  services: { mail: { worker: MailWorker; devMailbox: { list(): readonly DevMail[] } | undefined } | undefined };
}

/**
 * Runs the app's mail worker until the outbox is empty and returns what the development mailbox
 * holds for `to` (every message when omitted), newest first.
 *
 * @example
 * const [mail] = await mailTo(web, 'alice@example.test');
 * expect(mail?.subject).toContain('Confirm');
 */
export async function mailTo(web: AppWithMail, to?: string): Promise<DevMail[]> {
  const mail = web.services.mail;
  if (!mail?.devMailbox) throw new TypeError('mailTo: this app has no development mailbox (accounts, and no SMTP_URL, are needed)');
  await mail.worker.drain();
  return mail.devMailbox.list().filter((m) => to === undefined || m.to.toLowerCase() === to.toLowerCase());
}

/**
 * The newest link on this app mailed to `to` whose path starts with `pathPrefix`, as a path
 * (`/email/verify/…`); throws when there is none, so a test fails with a clear message.
 *
 * @example
 * const link = await mailedLink(web, 'alice@example.test', '/password/reset/');
 * await agent.get(link).expect(302);
 */
export async function mailedLink(web: AppWithMail, to: string, pathPrefix: string): Promise<string> {
  for (const mail of await mailTo(web, to)) {
    for (const match of mail.text.matchAll(/https?:\/\/\S+/g)) {
      const url = new URL(match[0]);
      if (url.pathname.startsWith(pathPrefix)) return url.pathname;
    }
  }
  throw new Error(`mailedLink: no mail to ${to} holds a link starting with ${pathPrefix}`);
}

/**
 * Confirms `email` by following the newest verification link mailed to it (GET the form, POST it),
 * as its owner would. Returns the POST's answer (200 "Address confirmed"; 400 for a dead link).
 *
 * @example
 * await register(agent, 'alice');
 * await confirmEmail(web, agent, 'alice@example.test');
 */
export async function confirmEmail(web: AppWithMail, agent: TestAgent, email: string): Promise<request.Response> {
  const link = await mailedLink(web, email, '/email/verify/');
  const page = await agent.get(link);
  // A dead link's page has no form: post anyway (with the login form's token) to prove the POST refuses too.
  const _csrf = page.status === 200 ? tokenIn(page.text) : tokenIn((await agent.get('/login')).text);
  return agent.post(link).set('Origin', TEST_ORIGIN).type('form').send({ _csrf });
}
