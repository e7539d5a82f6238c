import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { CliError } from './cli-error.js';

/** Where `pnpm users` reads and writes: the process's streams, or a test's. */
export interface CliIO {
  stdin: Readable & { isTTY?: boolean; setRawMode?: (mode: boolean) => unknown };
  stdout: Writable;
  stderr: Writable;
}

/** Everything on a non-terminal standard input, up to the first line break: `echo "$PW" | pnpm users create …`. */
async function passwordFromPipe(stdin: Readable): Promise<string> {
  let text = '';
  stdin.setEncoding('utf8');
  for await (const chunk of stdin) text += String(chunk);
  const password = text.split(/\r?\n/, 1)[0] ?? '';
  if (password === '') throw new CliError('No password on standard input: pipe it in (printf "%s\\n" "$PASSWORD" | pnpm users create …) or run in a terminal to be asked.');
  return password;
}

/**
 * Asks twice in a terminal without echoing what is typed, through one node:readline interface
 * with its output muted: two prompts do not justify a prompt library, and readline handles the
 * terminal's line editing. One interface for both questions: closing one between them lets the
 * event loop run dry and the process exit before the second answer.
 */
async function askHiddenTwice(io: CliIO, questions: [string, string]): Promise<[string, string]> {
  const rl = createInterface({ input: io.stdin, output: io.stderr, terminal: true });
  let muted = false;
  // Keep readline's echo of the typed characters off the screen; prompts are written unmuted.
  (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = (s: string) => {
    if (!muted) io.stderr.write(s);
  };
  const ask = (question: string) =>
    new Promise<string>((resolve, reject) => {
      rl.once('SIGINT', () => reject(new CliError('Cancelled.')));
      muted = false;
      io.stderr.write(question);
      muted = true;
      rl.question('', (answer) => {
        muted = false;
        io.stderr.write('\n');
        resolve(answer);
      });
    });
  try {
    const first = await ask(questions[0]);
    const second = await ask(questions[1]);
    return [first, second];
  } finally {
    rl.close();
  }
}

/**
 * The new account's password: from standard input when it is not a terminal (scripts, CI), else
 * asked twice without echo; the two must match.
 *
 * @example
 * const password = await readNewPassword({ stdin: process.stdin, stdout: process.stdout, stderr: process.stderr });
 */
export async function readNewPassword(io: CliIO): Promise<string> {
  if (io.stdin.isTTY !== true) return passwordFromPipe(io.stdin);
  const [first, second] = await askHiddenTwice(io, ['Password: ', 'Password (again): ']);
  if (first !== second) throw new CliError('The two passwords differ; nothing was created.');
  return first;
}
