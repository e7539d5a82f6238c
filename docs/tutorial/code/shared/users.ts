import { randomUUID } from 'node:crypto';

/** A user as the tutorial apps keep it: never the password, only its hash. */
export interface User {
  id: string;
  username: string;
  passwordHash: string;
  /** Bumped to end every session of this user (see `loadUser`). */
  authEpoch: number;
}

/**
 * An in-memory user table, standing in for the article's SQLAlchemy `User` model. The demo app
 * keeps the same fields in SQLite or PostgreSQL.
 *
 * @example
 * const users = new Users();
 * const alice = users.create('alice', await hashPassword(password));
 * users.findByUsername('alice')?.id === alice.id; // true
 */
export class Users {
  readonly #byId = new Map<string, User>();

  /** Adds a user; throws when the username is taken. */
  create(username: string, passwordHash: string): User {
    if (this.findByUsername(username)) throw new Error(`username taken: ${username}`);
    const user: User = { id: randomUUID(), username, passwordHash, authEpoch: 0 };
    this.#byId.set(user.id, user);
    return user;
  }

  /** The user with this id, or `undefined`. */
  findById(id: string): Promise<User | undefined> {
    return Promise.resolve(this.#byId.get(id));
  }

  /** The user with this username, or `undefined`. */
  findByUsername(username: string): User | undefined {
    return [...this.#byId.values()].find((user) => user.username === username);
  }
}
