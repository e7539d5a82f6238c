import { parseArgs } from 'node:util';

/** The most interleaved rounds `pnpm bench --rounds` accepts (each adds about two and a half minutes). */
export const MAX_ROUNDS = 20;

/**
 * The Redis both CLIs use for the Redis-store subjects: `REDIS_URL`, else `TEST_REDIS_URL` (the
 * one turbo passes on to package scripts), else Redis on 127.0.0.1.
 *
 * @example
 * benchRedisUrl({ TEST_REDIS_URL: 'redis://10.0.0.5:6379' }); // 'redis://10.0.0.5:6379'
 */
export function benchRedisUrl(env: NodeJS.ProcessEnv = process.env): string {
  return env.REDIS_URL ?? env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
}

/** A command line the CLI cannot run: the message says why; the CLI prints it and exits 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** What `pnpm bench` was asked for (see cli.ts). */
export interface BenchArgs {
  /** `--quick`: one short round of every subject, into a temp folder unless `--out` says where. */
  quick: boolean;
  /** `--budget`: only the budget curve. */
  budget: boolean;
  /** `--out DIR`, as typed (the CLI resolves it), or undefined. */
  out: string | undefined;
  /** `--cluster-cores N` (3 to 256), or undefined. */
  clusterCores: number | undefined;
  /** `--rounds N` (1 to {@link MAX_ROUNDS}), or undefined (the default count). */
  rounds: number | undefined;
}

/** What `pnpm --filter @acme/bench in-process` was asked for (see in-process-cli.ts). */
export interface InProcessArgs {
  /** The subject's name, as typed (the CLI checks it against its list). */
  subject: string | undefined;
  /** `--requests N` (at least 1), or undefined (inProcessCost's default). */
  requests: number | undefined;
  /** `--rounds N` (1 to 100), or undefined (inProcessCost's default). */
  rounds: number | undefined;
}

/** Runs `read` (a call of Node's parseArgs), turning its errors (unknown flag, missing value) into {@link UsageError}s. */
function strictly<T>(read: () => T): T {
  try {
    return read();
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

/**
 * A flag's whole number from `min` to `max`, or undefined when the flag was not given.
 * `Number()` alone would take `2.5`, `1e1`, `0x10` and the empty string (as 0).
 */
function wholeNumber(flag: string, value: string | undefined, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const n = /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!(Number.isSafeInteger(n) && n >= min && n <= max)) {
    throw new UsageError(`${flag} takes a whole number from ${min} to ${max}, got ${JSON.stringify(value)}`);
  }
  return n;
}

/**
 * Reads `pnpm bench`'s flags (`--quick`, `--budget`, `--out DIR`, `--cluster-cores N`,
 * `--rounds N`) with `node:util`'s parseArgs in strict mode, so that a mistyped flag
 * (`--round 5`) stops the run before it starts instead of running the defaults for minutes and
 * overwriting `bench/results`.
 *
 * @throws {UsageError} on an unknown flag, a flag without its value, a stray argument, or a number
 *   out of range.
 * @example
 * parseBenchArgs(['--rounds', '5']); // { quick: false, budget: false, out: undefined, clusterCores: undefined, rounds: 5 }
 */
export function parseBenchArgs(argv: string[]): BenchArgs {
  const { values } = strictly(() =>
    parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        quick: { type: 'boolean' },
        budget: { type: 'boolean' },
        out: { type: 'string' },
        'cluster-cores': { type: 'string' },
        rounds: { type: 'string' },
      },
    }),
  );
  if (values.out === '') throw new UsageError('--out takes a folder, got ""');
  return {
    quick: values.quick ?? false,
    budget: values.budget ?? false,
    out: values.out,
    clusterCores: wholeNumber('--cluster-cores', values['cluster-cores'], 3, 256),
    rounds: wholeNumber('--rounds', values.rounds, 1, MAX_ROUNDS),
  };
}

/**
 * Reads the in-process meter's arguments (`[subject] [--requests N] [--rounds R]`) with
 * `node:util`'s parseArgs in strict mode.
 *
 * @throws {UsageError} on an unknown flag, a flag without its value, a second subject, or a number
 *   out of range.
 * @example
 * parseInProcessArgs(['demo-anonymous', '--requests', '200']); // { subject: 'demo-anonymous', requests: 200, rounds: undefined }
 */
export function parseInProcessArgs(argv: string[]): InProcessArgs {
  const { values, positionals } = strictly(() =>
    parseArgs({ args: argv, strict: true, allowPositionals: true, options: { requests: { type: 'string' }, rounds: { type: 'string' } } }),
  );
  if (positionals.length > 1) throw new UsageError(`one subject at a time, got ${positionals.map((p) => JSON.stringify(p)).join(' and ')}`);
  return {
    subject: positionals[0],
    requests: wholeNumber('--requests', values.requests, 1, 10_000_000),
    rounds: wholeNumber('--rounds', values.rounds, 1, 100),
  };
}
