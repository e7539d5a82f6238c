import { randomUUID } from 'node:crypto';
import type { ClaimedJob, MailOutbox } from './outbox.js';
import type { MailTransport } from './types.js';

/** Runs a queued task (e.g. looks up a forgot-password address and queues its mail). */
export type MailTask = (payload: Readonly<Record<string, unknown>>) => Promise<void>;

/** What the worker reports: failures carry no body, address or token. */
export interface MailWorkerEvent {
  /** `sent`, `task_done`, `failed` (will retry) or `unreadable` (no key opens it: dropped). */
  type: 'sent' | 'task_done' | 'failed' | 'unreadable';
  /** The job's kind. */
  kind: string;
  /** Attempts so far. */
  attempts: number;
  /** Why it failed (the transport's error message). */
  reason?: string | undefined;
}

/** Options of {@link MailWorker}. */
export interface MailWorkerOptions {
  /** Where jobs wait. */
  outbox: MailOutbox;
  /** Delivers `mail` jobs. */
  transport: MailTransport;
  /** Handlers of the other kinds, by name. */
  tasks?: Readonly<Record<string, MailTask>> | undefined;
  /** Receives one event per job. Default: failures to stderr as JSON. */
  log?: ((event: MailWorkerEvent) => void) | undefined;
  /** How often to look for due jobs when idle, in ms. Default 1000. */
  pollMs?: number | undefined;
  /** How long a claimed job stays this worker's, in ms. Default 60 000. */
  leaseMs?: number | undefined;
}

function isMail(payload: Readonly<Record<string, unknown>>): payload is { to: string; subject: string; text: string; html: string } {
  return ['to', 'subject', 'text', 'html'].every((k) => typeof payload[k] === 'string');
}

/**
 * Delivers the outbox in the app process: claims one due job at a time under a lease, sends it
 * (or runs its task), deletes it when done, and on failure releases it to be retried with backoff.
 * Delivery is at least once: a crash between sending and deleting sends the message again, with
 * the same Message-ID. Failures are logged, never shown to a user.
 *
 * @example
 * const worker = new MailWorker({ outbox, transport: createSmtpTransport(config) });
 * worker.start();
 * // on shutdown:
 * await worker.stop();
 */
export class MailWorker {
  readonly #options: MailWorkerOptions;
  readonly #tasks: Map<string, MailTask>;
  readonly #owner = randomUUID();
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<void> | undefined;
  #stopped = true;

  /** @param options - see {@link MailWorkerOptions}. */
  constructor(options: MailWorkerOptions) {
    this.#options = options;
    this.#tasks = new Map(Object.entries(options.tasks ?? {}));
  }

  /** Adds the handler of a task kind (the pages that queue it register it). */
  handle(kind: string, task: MailTask): void {
    if (kind === 'mail') throw new TypeError('"mail" is the worker\'s own kind');
    this.#tasks.set(kind, task);
  }

  /** Starts polling. */
  start(): void {
    if (!this.#stopped) return;
    this.#stopped = false;
    this.#schedule(0);
  }

  /** Stops polling and waits for the job in hand. */
  async stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#timer);
    await this.#running;
  }

  /** Works until no job is due (tests, and a last flush). */
  async drain(): Promise<void> {
    await this.#running;
    while (await this.#runOne());
  }

  #schedule(delay: number): void {
    if (this.#stopped) return;
    this.#timer = setTimeout(() => {
      this.#running = this.drain()
        .catch((error: unknown) => this.#log({ type: 'failed', kind: 'poll', attempts: 0, reason: error instanceof Error ? error.message : String(error) }))
        .finally(() => this.#schedule(this.#options.pollMs ?? 1000));
    }, delay);
    this.#timer.unref();
  }

  /** Claims and handles one job; false when none was due. */
  async #runOne(): Promise<boolean> {
    const { outbox } = this.#options;
    const job = await outbox.claim(this.#owner, this.#options.leaseMs ?? 60_000);
    if (!job) return false;
    try {
      await this.#handle(job);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      this.#log({ type: 'failed', kind: job.kind, attempts: job.attempts + 1, reason });
      await outbox.retryLater(job, reason);
    }
    return true;
  }

  async #handle(job: ClaimedJob): Promise<void> {
    const { outbox, transport } = this.#options;
    const { payload } = job;
    if (payload === undefined) {
      // Sealed with a key DATA_KEYS no longer holds: nobody can ever read it.
      this.#log({ type: 'unreadable', kind: job.kind, attempts: job.attempts });
      await outbox.complete(job);
      return;
    }
    if (job.kind === 'mail') {
      if (!isMail(payload)) throw new Error('a queued mail lacks to, subject, text or html');
      await transport.send({ to: payload.to, subject: payload.subject, text: payload.text, html: payload.html, messageId: job.messageId });
      await outbox.complete(job);
      this.#log({ type: 'sent', kind: job.kind, attempts: job.attempts + 1 });
      return;
    }
    const task = this.#tasks.get(job.kind);
    if (!task) throw new Error(`no handler for mail task "${job.kind}"`);
    await task(payload);
    await outbox.complete(job);
    this.#log({ type: 'task_done', kind: job.kind, attempts: job.attempts + 1 });
  }

  #log(event: MailWorkerEvent): void {
    if (this.#options.log) this.#options.log(event);
    else if (event.type === 'failed' || event.type === 'unreadable') process.stderr.write(`${JSON.stringify({ mail: event })}\n`);
  }
}
