import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkDeployment, type DeploymentFacts } from '../../src/config/deployment-check.js';
import { DEFAULT_SCRYPT_PARAMS } from '../../src/password/index.js';
import { DOCUMENTED_EXAMPLE_KEYS } from '../../src/session/example-keys.js';
import { decodeSessionKey, sessionKeyProblem } from '../../src/session/session-keys.js';
import { SqliteSessionStore } from '../../src/stores/sqlite.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..');

/** What `openssl rand -base64 32` prints. */
const opensslKey = () => randomBytes(32).toString('base64');

/** Keys production must refuse, by what is wrong with them. */
const WEAK_KEYS: [label: string, key: string, problem: RegExp][] = [
  ['48 × a (read as hex: 24 bytes)', 'a'.repeat(48), /24 bytes after hex decoding/],
  ['31 random bytes, base64', randomBytes(31).toString('base64'), /31 bytes after base64 decoding/],
  ['32 hex digits (16 bytes)', randomBytes(16).toString('hex'), /16 bytes after hex decoding/],
  ['the docs example', DOCUMENTED_EXAMPLE_KEYS[0] ?? '', /example printed in the documentation/],
  ['the docs example, re-encoded as base64url', Buffer.from(DOCUMENTED_EXAMPLE_KEYS[0] ?? '', 'base64').toString('base64url'), /example printed/],
  ['48 × p (base64)', 'p'.repeat(48), /repeats a short pattern/],
  ['64 zeros (hex)', '0'.repeat(64), /repeats a short pattern/],
  ['abc repeated (hex: 33 bytes)', 'abc'.repeat(22), /repeats a short pattern/],
  ['changeme repeated', 'changeme'.repeat(6), /repeats a short pattern/],
  ['a long run after random bytes', randomBytes(24).toString('base64url') + 'x'.repeat(24), /repeats a short pattern/],
  ['a passphrase with spaces', 'correct horse battery staple is long enough', /neither base64 nor hex/],
  ['mixed base64 alphabets', `${opensslKey().slice(0, 20)}-_+/${opensslKey().slice(0, 20)}`, /neither base64 nor hex/],
];

function facts(keys: string[], overrides: Partial<DeploymentFacts> = {}): DeploymentFacts {
  return {
    production: true,
    keys,
    secure: true,
    cookieName: '__Host-sid',
    store: new SqliteSessionStore({ purgeIntervalMs: 0 }),
    scrypt: DEFAULT_SCRYPT_PARAMS,
    trustProxy: true,
    appOrigin: 'https://app.example',
    ...overrides,
  };
}

describe('decodeSessionKey', () => {
  it('reads an even run of hex digits as hex, else base64 in one alphabet, else nothing', () => {
    expect(decodeSessionKey('00ff'.repeat(16))).toEqual({ encoding: 'hex', bytes: Buffer.from('00ff'.repeat(16), 'hex') });
    const bytes = randomBytes(32);
    expect(decodeSessionKey(bytes.toString('base64'))?.bytes).toEqual(bytes);
    expect(decodeSessionKey(bytes.toString('base64url'))?.bytes).toEqual(bytes);
    expect(decodeSessionKey(bytes.toString('base64').replace(/=$/, ''))?.bytes).toEqual(bytes);
    for (const notKey of ['', 'a b', 'abc!', 'ab=c', 'abcde', 'abc===', 'ab+_']) expect(decodeSessionKey(notKey), notKey).toBeUndefined();
  });
});

describe('SEC-CK-04 production refuses a weak SESSION_KEYS entry', () => {
  it.each(WEAK_KEYS)('%s', (_label, key, problem) => {
    expect(sessionKeyProblem(key, 1)).toMatch(problem);
    const problems = checkDeployment(facts([opensslKey(), key]));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^SESSION_KEYS: key 2 /);
    expect(problems[0]).toContain('`openssl rand -base64 32`');
    expect(problems[0]).not.toContain(key);
  });

  it('accepts what `openssl rand -base64 32` prints, its base64url form and 32 bytes of hex', () => {
    for (let i = 0; i < 200; i += 1) {
      const bytes = randomBytes(32);
      for (const key of [bytes.toString('base64'), bytes.toString('base64url'), bytes.toString('hex')]) expect(sessionKeyProblem(key, 1), key).toBeUndefined();
    }
    expect(checkDeployment(facts([opensslKey(), opensslKey()]))).toEqual([]);
  });

  it('applies only in production: development accepts any key', () => {
    expect(checkDeployment(facts(['a'.repeat(48)], { production: false, secure: false, cookieName: 'sid', trustProxy: false, appOrigin: 'http://localhost:3000' }))).toEqual([]);
  });
});

describe('SEC-CK-04 production refuses plain HTTP without a trusted proxy', () => {
  it('names TRUST_PROXY and what to set when no proxy is trusted', () => {
    const problems = checkDeployment(facts([opensslKey()], { trustProxy: false }));
    expect(problems).toEqual([expect.stringMatching(/^TRUST_PROXY is unset or 0: .*Set TRUST_PROXY to the number of proxies in front of the app \(usually TRUST_PROXY=1\)/)]);
  });

  it('accepts no proxy when the process terminates TLS itself', () => {
    expect(checkDeployment(facts([opensslKey()], { trustProxy: false, servesTls: true }))).toEqual([]);
  });
});

/** Files whose text a newcomer copies from: the docs, README, SECURITY.md, env examples and the generators' templates. */
function* documentation(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    if (['node_modules', 'dist', '.git', '.turbo', 'cache', 'data', 'test-results', 'coverage'].includes(name)) continue;
    const full = path.join(dir, name);
    const rel = path.relative(ROOT, full).split(path.sep).join('/');
    // The API reference is generated by the docs build from doc comments (git-ignored), and its
    // anchors look like long base64 runs; what it says comes from the source, not from a person.
    if (rel === 'docs/reference/api') continue;
    if (statSync(full).isDirectory()) yield* documentation(full);
    else if (/\.(md|njk)$/.test(name) || /^\.env/.test(name) || /^(docs|generators\/src)\/.*\.ts$/.test(rel)) yield full;
  }
}

describe('SEC-CK-04 every key the documentation shows is refused', () => {
  // Every run of base64 or hex characters long enough to be a key is tried as one: a value the
  // docs print that production would accept must be added to DOCUMENTED_EXAMPLE_KEYS.
  const files = [...documentation(ROOT)];
  const shown = files.flatMap((file) =>
    [...readFileSync(file, 'utf8').matchAll(/[A-Za-z0-9+/_-]{32,}={0,2}/g)]
      .map((match) => match[0])
      .filter((token) => (decodeSessionKey(token)?.bytes.length ?? 0) >= 32)
      .map((key) => ({ file: path.relative(ROOT, file), key })),
  );

  it('finds the docs and the example key in them', () => {
    expect(files.map((file) => path.relative(ROOT, file))).toEqual(expect.arrayContaining(['README.md', 'SECURITY.md', 'docs/guide/deploy.md']));
    expect(shown.map((entry) => entry.key)).toEqual(expect.arrayContaining([...DOCUMENTED_EXAMPLE_KEYS]));
  });

  it('refuses each of them', () => {
    for (const { file, key } of shown) expect(sessionKeyProblem(key, 1), `${file}: ${key}`).toBeDefined();
  });
});
