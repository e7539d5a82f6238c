import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { readNewPassword } from '../../src/cli/password-input.js';

/** A terminal stand-in: standard input that says it is a TTY, and an error stream that records what was shown. */
function terminal() {
  const stdin = Object.assign(new PassThrough(), { isTTY: true, setRawMode: () => stdin });
  const stderr = new PassThrough();
  let shown = '';
  stderr.setEncoding('utf8').on('data', (d: string) => (shown += d));
  return { io: { stdin, stdout: new PassThrough(), stderr }, shown: () => shown };
}

describe('readNewPassword', () => {
  it('in a terminal, asks twice and never shows what is typed', async () => {
    const { io, shown } = terminal();
    const answer = readNewPassword(io);
    io.stdin.write('correct horse battery staple 42\r');
    await new Promise((resolve) => setImmediate(resolve));
    io.stdin.write('correct horse battery staple 42\r');
    await expect(answer).resolves.toBe('correct horse battery staple 42');
    expect(shown()).toContain('Password: ');
    expect(shown()).toContain('Password (again): ');
    expect(shown()).not.toContain('correct horse');
  });

  it('in a terminal, refuses two different answers', async () => {
    const { io } = terminal();
    const answer = readNewPassword(io);
    io.stdin.write('correct horse battery staple 42\r');
    await new Promise((resolve) => setImmediate(resolve));
    io.stdin.write('another password entirely 77\r');
    await expect(answer).rejects.toThrow('The two passwords differ; nothing was created.');
  });

  it('from a pipe, takes the first line', async () => {
    const stdin = new PassThrough();
    stdin.end('piped password words 123\nignored second line\n');
    await expect(readNewPassword({ stdin, stdout: new PassThrough(), stderr: new PassThrough() })).resolves.toBe('piped password words 123');
  });
});
