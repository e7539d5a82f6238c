import { checkEmailAddress, checkPasswordPolicy, checkUsername, UsernameTakenError, type Account } from '@acme/auth-core';
import { EmailTakenError } from '../accounts/kysely-store.js';
import type { AccountServices } from '../app/services.js';
import { CliError } from './cli-error.js';

/** The commands of `pnpm users`, with what each needs. */
export const USERS_COMMANDS = {
  create: 'create --username U [--email E] [--role R]… (password from standard input, or asked twice)',
  grant: 'grant --username U --role R',
  revoke: 'revoke --username U --role R',
  disable: 'disable --username U (signed out at the next request)',
  enable: 'enable --username U',
  list: 'list',
  sessions: 'sessions --username U',
  'sign-out': 'sign-out --username U (log out everywhere)',
} as const;

/** A command's name. */
export type UsersCommand = keyof typeof USERS_COMMANDS;

/** What a command was given on the command line. */
export interface UsersCommandInput {
  username?: string | undefined;
  roles: string[];
  email?: string | undefined;
  /** Reads the password for `create` (standard input or the terminal). */
  readPassword: () => Promise<string>;
  /** Writes one line of the command's result to standard output. */
  print: (line: string) => void;
}

const ROLE = /^[a-z][a-z0-9_-]{0,31}$/;

function oneRole(input: UsersCommandInput): string {
  if (input.roles.length !== 1) throw new CliError('Give exactly one --role, e.g. --role admin.');
  return checkedRole(input.roles[0] ?? '');
}

function checkedRole(role: string): string {
  if (!ROLE.test(role)) throw new CliError(`"${role}" is not a role name: use 1 to 32 lower-case letters, digits, _ or -, starting with a letter (like admin).`);
  return role;
}

async function existingUser(services: AccountServices, input: UsersCommandInput): Promise<Account> {
  if (input.username === undefined || input.username.trim() === '') throw new CliError('Give --username.');
  const user = await services.users.findByUsername(input.username);
  if (!user) throw new CliError(`No user named "${input.username}".`);
  return user;
}

/** One column of `list` per field. */
function listRow(user: Account & { email: string | null; emailVerified: boolean; createdAt: string; lastSignInAt: string | null }): string[] {
  return [user.username, user.email ?? '-', user.email === null ? '-' : user.emailVerified ? 'yes' : 'no', user.roles.join(',') || '-', user.disabled ? 'yes' : 'no', user.createdAt, user.lastSignInAt ?? 'never'];
}

/** Left-aligned columns, two spaces apart. */
function table(header: string[], rows: string[][]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ').trimEnd();
  return [line(header), ...rows.map(line)];
}

/**
 * Runs one `pnpm users` command against an app's services. Every change is written to the
 * security log as an `admin.*` event; bad input throws a {@link CliError} before anything
 * changes.
 *
 * @example
 * await runUsersCommand('grant', services, appName, { username: 'alice', roles: ['admin'], readPassword, print });
 */
export async function runUsersCommand(command: UsersCommand, services: AccountServices, appName: string, input: UsersCommandInput): Promise<void> {
  const { users, sessions, securityLog } = services;
  const log = (type: Parameters<typeof securityLog>[0]['type'], user: Account, reason?: string) =>
    securityLog({ type, username: user.username, userId: user.id, outcome: 'success', ...(reason === undefined ? {} : { reason }) });
  switch (command) {
    case 'create': {
      const name = checkUsername(input.username ?? '');
      if (!name.ok) throw new CliError(name.reason);
      const email = input.email === undefined ? undefined : checkEmailAddress(input.email);
      if (email && !email.ok) throw new CliError(`--email: ${email.reason}`);
      const roles = input.roles.map(checkedRole);
      if (await users.findByUsername(name.username)) throw new CliError(`"${name.username}" is taken.`);
      const password = await input.readPassword();
      const policy = checkPasswordPolicy(password, { username: name.username, appName });
      if (!policy.ok) throw new CliError(policy.reason);
      let user: Account;
      try {
        // An address an operator types is taken as verified (as Django's createsuperuser takes it); it is set in the same transaction as the account.
        const withEmail = email?.ok ? (created: Account, trx: Parameters<typeof users.setEmail>[3]) => users.setEmail(created.id, email, true, trx) : undefined;
        user = await users.create(name.username, await services.hasher.hash(password), withEmail);
      } catch (error) {
        if (error instanceof UsernameTakenError) throw new CliError(`"${name.username}" is taken (or looks the same as a name that is).`);
        if (error instanceof EmailTakenError) throw new CliError(`--email: ${email?.ok === true ? email.address : ''} is already the verified address of another account.`);
        throw error;
      }
      if (roles.length > 0) await users.setRoles(user.id, roles);
      log('admin.user_created', user, roles.length > 0 ? `roles:${roles.join(',')}` : undefined);
      input.print(`Created ${user.username}${roles.length > 0 ? ` with role${roles.length > 1 ? 's' : ''} ${roles.join(', ')}` : ''}.`);
      return;
    }
    case 'grant':
    case 'revoke': {
      const role = oneRole(input);
      const user = await existingUser(services, input);
      const roles = command === 'grant' ? [...new Set([...user.roles, role])] : user.roles.filter((r) => r !== role);
      await users.setRoles(user.id, roles);
      log(command === 'grant' ? 'admin.role_granted' : 'admin.role_revoked', user, `role:${role}`);
      input.print(`${user.username} now has ${roles.length > 0 ? `the role${roles.length > 1 ? 's' : ''} ${roles.join(', ')}` : 'no role'}.`);
      return;
    }
    case 'disable':
    case 'enable': {
      const user = await existingUser(services, input);
      await users.setDisabled(user.id, command === 'disable');
      // loadUser already refuses a disabled account's sessions on their next request; removing them too keeps "your sessions" honest.
      if (command === 'disable') await sessions.destroyByUser(user.id);
      log(command === 'disable' ? 'admin.user_disabled' : 'admin.user_enabled', user);
      input.print(command === 'disable' ? `Disabled ${user.username}: signed out everywhere, and cannot sign in.` : `Enabled ${user.username}.`);
      return;
    }
    case 'sign-out': {
      const user = await existingUser(services, input);
      await users.bumpAuthEpoch(user.id);
      const ended = await sessions.destroyByUser(user.id);
      log('admin.signed_out', user);
      input.print(`Signed ${user.username} out everywhere (${ended} session${ended === 1 ? '' : 's'} ended).`);
      return;
    }
    case 'list': {
      const rows = (await users.list()).map(listRow);
      for (const line of table(['username', 'email', 'verified', 'roles', 'disabled', 'created', 'last sign-in'], rows)) input.print(line);
      return;
    }
    case 'sessions': {
      const user = await existingUser(services, input);
      const list = await sessions.listByUser(user.id);
      const when = (ms: number | undefined) => (ms === undefined ? '-' : new Date(ms).toISOString());
      const rows = list.map((s) => [s.digest.slice(0, 12), when(s.data.createdAt), when(s.data.lastSeenAt), s.data.ip ?? '-', (s.data.userAgent ?? '-').slice(0, 60)]);
      for (const line of table(['session', 'signed in', 'last seen', 'ip', 'browser'], rows)) input.print(line);
      return;
    }
  }
}
