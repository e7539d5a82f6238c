import type { Transaction } from 'kysely';
import type { Account } from '@acme/auth-core';
import type { AccountsSchema } from '../accounts/schema.js';

/** What {@link SignUpFields.validate} answers: the values to store, or a message per field. */
export type SignUpCheck<Values> =
  | {
      /** Accepted. */
      ok: true;
      /** What {@link SignUpFields.store} receives. */
      values: Values;
    }
  | {
      /** Refused: the form is shown again (400) with the typed values and these messages. */
      ok: false;
      /** A message for the person typing, by field name (the view shows `errors.<name>`). */
      errors: Readonly<Record<string, string>>;
    };

/**
 * An app's own sign-up fields (a display name, accepting the terms): which form fields to read,
 * how to validate them, and what to write. The counterpart of Laravel Fortify's `CreateNewUser`
 * action, without forking `authRoutes`. The app also overrides the `register-fields.njk` partial
 * (it renders the inputs) and adds a migration for whatever `store` writes.
 */
export interface SignUpFields<Values, Schema extends AccountsSchema = AccountsSchema> {
  /**
   * The extra form fields. Each is read like `username` and `password`: a plain string (missing is
   * `''`), anything else (a repeated field, `a[]=`) is a 400 before any validation.
   */
  fields: readonly string[];
  /** Checks the extra fields (never called with a repeated or non-string field). Must not throw. */
  validate(form: Readonly<Record<string, string>>): SignUpCheck<Values>;
  /**
   * Writes the values for the new `user`, in the transaction that inserts the user: if it throws,
   * no user is created.
   */
  store(values: Values, user: Account, trx: Transaction<Schema>): Promise<void>;
}

/** Form fields `authRoutes` reads itself: an app's field of the same name would shadow them. */
const RESERVED = new Set(['username', 'email', 'password', 'next', 'reauth', '_csrf']);

/** A field name that is safe as a form key and a template variable. */
const FIELD_NAME = /^[a-z][a-z0-9_]{0,63}$/;

/**
 * Checks an app's {@link SignUpFields} once, when routes are registered: a programmer error (a
 * reserved, malformed or repeated name) fails at start, not on the first sign-up.
 *
 * @example
 * assertSignUpFields({ fields: ['display_name'], validate, store }); // ok
 * assertSignUpFields({ fields: ['password'], validate, store }); // throws TypeError
 */
export function assertSignUpFields<Values, Schema extends AccountsSchema>(signUp: SignUpFields<Values, Schema>): void {
  const seen = new Set<string>();
  for (const name of signUp.fields) {
    if (!FIELD_NAME.test(name)) throw new TypeError(`signUp.fields: "${name}" is not a field name (lower-case letters, digits and _, starting with a letter).`);
    if (RESERVED.has(name)) throw new TypeError(`signUp.fields: "${name}" is read by authRoutes itself; choose another name.`);
    if (seen.has(name)) throw new TypeError(`signUp.fields: "${name}" is listed twice.`);
    seen.add(name);
  }
}
