// Subject: the raw scrypt-kdf hash rate with the production params, as many at once as the demo's
// hasher runs (min(2, available cores)). argv: <seconds>. Prints `RATE <hashes per second>`.
import { availableParallelism } from 'node:os';
import { DEFAULT_SCRYPT_PARAMS } from '@acme/auth-core';
import * as scryptKdfModule from 'scrypt-kdf';

interface Kdf {
  kdf(passphrase: string, params: { logN: number; r: number; p: number }): Promise<Uint8Array>;
}
// scrypt-kdf 4's JavaScript has only a default export (its types say otherwise), as auth-core notes.
const ns = scryptKdfModule as unknown as Kdf & { default?: Kdf };
const scrypt: Kdf = ns.default ?? ns;

const seconds = Number(process.argv[2] ?? '3');
const workers = Math.min(2, availableParallelism());
const start = performance.now();
const end = start + seconds * 1000;
let done = 0;
await Promise.all(
  Array.from({ length: workers }, async () => {
    while (performance.now() < end) {
      await scrypt.kdf('violet kettle harbor moon', DEFAULT_SCRYPT_PARAMS);
      done += 1;
    }
  }),
);
process.stdout.write(`RATE ${done / ((performance.now() - start) / 1000)}\n`);
