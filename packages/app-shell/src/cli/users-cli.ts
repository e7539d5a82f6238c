import path from 'node:path';
import { parseArgs } from 'node:util';
import { createAppServices, requireAccounts } from '../app/services.js';
import { loadAppTarget, resolveAppDir } from './app-target.js';
import { CliError } from './cli-error.js';
import { readNewPassword, type CliIO } from './password-input.js';
import { runUsersCommand, USERS_COMMANDS, type UsersCommand } from './users-commands.js';

/** `pnpm users` with no command, or `--help`. */
export function usersUsage(): string {
  return [
    'Usage: pnpm users <command> [--app <name>] [options]',
    '',
    ...Object.values(USERS_COMMANDS).map((line) => `  ${line}`),
    '',
    '--app defaults to the only app under apps/. The app is opened with its own configuration:',
    'its .env and .env.local files, under the real environment (DATABASE_URL, REDIS_URL, …).',
    'Changes are written to the security log (JSON lines on standard error).',
  ].join('\n');
}

function isCommand(name: string | undefined): name is UsersCommand {
  return name !== undefined && Object.hasOwn(USERS_COMMANDS, name);
}

/**
 * `pnpm users`: parses the command line, opens the app's services with its own configuration,
 * runs the command and closes them. Returns the exit code: 0, or 1 with one line on standard
 * error for anything the person can fix (unknown user, bad role name, weak password, unknown
 * app or option). Security events go to standard error as JSON lines, so standard output holds
 * only the result (`list` can be piped).
 *
 * @example
 * process.exitCode = await runUsersCli(['grant', '--username', 'alice', '--role', 'admin'], process.cwd(), io);
 */
export async function runUsersCli(argv: readonly string[], root: string, io: CliIO): Promise<number> {
  const fail = (message: string) => {
    io.stderr.write(`users: ${message}\n`);
    return 1;
  };
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        app: { type: 'string' },
        'app-dir': { type: 'string' },
        username: { type: 'string' },
        email: { type: 'string' },
        role: { type: 'string', multiple: true },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    return fail(`${error instanceof Error ? error.message : String(error)} (pnpm users --help lists the commands).`);
  }
  const [command, ...extra] = parsed.positionals;
  if (parsed.values.help === true || command === undefined) {
    io.stdout.write(`${usersUsage()}\n`);
    return command === undefined && parsed.values.help !== true ? 1 : 0;
  }
  if (!isCommand(command)) return fail(`Unknown command "${command}". Commands: ${Object.keys(USERS_COMMANDS).join(', ')}.`);
  if (extra.length > 0) return fail(`Unexpected "${extra.join(' ')}": options are named, e.g. --username alice.`);
  let services;
  try {
    const target = await loadAppTarget(resolveAppDir(root, { app: parsed.values.app, appDir: parsed.values['app-dir'] }));
    if (!target.hasAccounts) return fail(`${path.basename(target.dir)} has no user accounts yet: run pnpm gen auth --app ${path.basename(target.dir)} first.`);
    const config = { ...target.config, securityLogSink: (record: object) => io.stderr.write(`${JSON.stringify(record)}\n`) };
    services = await createAppServices(config, { migrations: target.migrations });
    await runUsersCommand(command, requireAccounts(services), config.appName, {
      username: parsed.values.username,
      email: parsed.values.email,
      roles: parsed.values.role ?? [],
      readPassword: () => readNewPassword(io),
      print: (line) => io.stdout.write(`${line}\n`),
    });
    return 0;
  } catch (error) {
    if (error instanceof CliError || (error instanceof Error && error.name === 'ConfigError')) return fail(error.message);
    throw error;
  } finally {
    await services?.close();
  }
}
