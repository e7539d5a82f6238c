/**
 * Makes an abandoned run (Ctrl-C at a prompt) end with exit code 130 (128 + SIGINT, what a shell
 * reports for an interrupted command) and no stack. Inquirer, on Ctrl-C, closes its prompt and
 * signals the process, but the promise it returned never settles and nothing is left to wait
 * for, so Node exits before the signal is handled — with code 0, as if the run had succeeded.
 * Call it once at the start; call the function it returns when the run has finished (or failed
 * on its own terms): exiting with 0 before that means the person walked away from a prompt.
 *
 * @example
 * const finished = exitCodeOnInterrupt();
 * try { await run(); } finally { finished(); }
 */
export function exitCodeOnInterrupt(): () => void {
  let done = false;
  process.on('exit', (code) => {
    if (!done && code === 0) process.exitCode = 130;
  });
  return () => {
    done = true;
  };
}
