import type { Generated } from 'kysely';

/** The users table. */
export interface UsersTable {
  id: string;
  username: string;
  username_normalized: string;
  password_hash: string;
  auth_epoch: Generated<number>;
  disabled: Generated<number>;
  created_at: string;
  updated_at: string;
}

/** The database as kysely sees it. */
export interface DB {
  users: UsersTable;
}
