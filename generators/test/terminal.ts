import { spawn } from 'node:child_process';
import path from 'node:path';
import { repoRoot } from './workspace-copy.js';

/** One exchange with a prompt: wait until the output matches `when`, then type `keys`. */
export interface Keystrokes {
  when: RegExp;
  keys: string[];
}

/** Down arrow, Enter and Ctrl-C, as a terminal sends them. */
export const DOWN = '\u001b[B';
export const ENTER = '\r';
export const CTRL_C = '\u0003';

// eslint-disable-next-line no-control-regex -- strip the terminal's colour and cursor codes
const plain = (text: string) => text.replace(/\u001b\[[0-9;?]*[A-Za-z]/g, '').replace(/\r/g, '');

/**
 * Runs the generator CLI in a real pseudo-terminal (`script`), so it prompts as it
 * does for a person, and types each step's keys once the output shows its prompt. Resolves with
 * the exit code and the plain output; rejects if a prompt does not show within `timeoutMs`.
 *
 * @example
 * const { code, out } = await genInTerminal(ws, ['auth', '--dry-run'], [{ when: /Which app\?/, keys: [ENTER] }]);
 */
export function genInTerminal(cwd: string, args: string[], steps: readonly Keystrokes[], timeoutMs = 30_000): Promise<{ code: number; out: string }> {
  return inTerminal(cwd, [path.join(repoRoot, 'node_modules', '.bin', 'tsx'), path.join(cwd, 'generators', 'src', 'cli.ts'), ...args], steps, timeoutMs);
}

/**
 * Runs `argv` in a real pseudo-terminal (`script`) in `cwd`, typing each step's keys once the
 * output shows its prompt; resolves with the exit code and the plain output.
 *
 * @example
 * const { code, out } = await inTerminal(root, ['pnpm', '--silent', 'plop'], [{ when: /init/, keys: [CTRL_C] }]);
 */
export function inTerminal(cwd: string, argv: string[], steps: readonly Keystrokes[], timeoutMs = 30_000): Promise<{ code: number; out: string }> {
  const command = argv.map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  // util-linux `script` on Linux; BSD `script` (macOS) takes the command after the log file.
  const scriptArgs = process.platform === 'linux' ? ['-qfec', command, '/dev/null'] : ['-q', '/dev/null', 'sh', '-c', command];
  const child = spawn('script', scriptArgs, { cwd, env: { ...process.env, INIT_CWD: cwd, TERM: 'xterm' }, stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  const exited = new Promise<number>((resolve) => child.on('close', (code) => resolve(code ?? 1)));
  const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  return (async () => {
    const deadline = Date.now() + timeoutMs;
    try {
      let seen = 0;
      for (const step of steps) {
        while (!step.when.test(plain(out.slice(seen)))) {
          if (Date.now() > deadline || child.exitCode !== null) throw new Error(`no prompt matching ${String(step.when)}; output:\n${plain(out)}`);
          await pause(50);
        }
        seen = out.length;
        for (const key of step.keys) {
          child.stdin.write(key);
          await pause(100);
        }
      }
      const code = await Promise.race([exited, pause(Math.max(0, deadline - Date.now())).then(() => undefined)]);
      if (code === undefined) throw new Error(`the generator did not exit; output:\n${plain(out)}`);
      return { code, out: plain(out) };
    } finally {
      child.stdin.end();
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  })();
}
