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
 * Asks once in a terminal without echoing what is typed. node:readline with its output muted:
 * one prompt does not justify a prompt library, and readline handles the terminal's line editing.
 */
function askHidden(io: CliIO, question: string): Promise<string> {
  return new Promise((resolve, reject) => {
    io.stderr.write(question);
    let muted = true;
    const rl = createInterface({ input: io.stdin, output: io.stderr, terminal: true });
    // Keep readline's own echo of the typed characters off the screen; the prompt itself was written above.
    (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = (s: string) => {
      if (!muted) io.stderr.write(s);
    };
    rl.once('SIGINT', () => {
      rl.close();
      reject(new CliError('Cancelled.'));
    });
    rl.question('', (answer) => {
      muted = false;
      rl.close();
      io.stderr.write('\n');
      resolve(answer);
    });
  });
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
  const first = await askHidden(io, 'Password: ');
  const second = await askHidden(io, 'Password (again): ');
  if (first !== second) throw new CliError('The two passwords differ; nothing was created.');
  return first;
}
