/** scrypt cost parameters: N = 2^logN, block size r, parallelism p. */
export interface ScryptParams {
  /** log2 of the CPU/memory cost N (17 means N = 131072). */
  readonly logN: number;
  /** Block size; memory per hash is 128 · N · r bytes. */
  readonly r: number;
  /** Parallelism: independent mixes, each costing the same time. */
  readonly p: number;
  /**
   * Marks params below the OWASP floor that tests may use to run fast. Only
   * {@link testOnlyScryptParams} sets it, and production checks reject it.
   */
  readonly testOnly?: true;
}

/** Production default: N=2^17, r=8, p=1 (OWASP Password Storage Cheat Sheet, ASVS App C). */
export const DEFAULT_SCRYPT_PARAMS: ScryptParams = Object.freeze({ logN: 17, r: 8, p: 1 });

/**
 * OWASP's minimum configurations: each row is equivalent in cost. Params meet the floor when
 * r = 8 and, for some row, logN ≥ row.logN and logN + log2(p) ≥ row.logN + log2(row.p).
 */
export const OWASP_SCRYPT_FLOOR: readonly ScryptParams[] = Object.freeze([
  { logN: 17, r: 8, p: 1 },
  { logN: 16, r: 8, p: 2 },
  { logN: 15, r: 8, p: 3 },
]);

/** The most a stored hash may ask of us; a hash demanding more is treated as invalid, not run. */
export const MAX_STORED_COST = Object.freeze({
  /** Largest scrypt memory (128·N·r bytes) a stored hash may demand: 256 MiB. */
  scryptMemoryBytes: 256 * 1024 * 1024,
  /** Largest scrypt parallelism a stored hash may demand. */
  scryptP: 16,
  /** Largest PBKDF2 iteration count a stored hash may demand. */
  pbkdf2Iterations: 2_000_000,
});

/**
 * Bytes of memory one scrypt run with `params` holds: 128 · N · r (the V array that dominates).
 *
 * @example
 * scryptMemory({ logN: 17, r: 8 }); // 134217728 (128 MiB)
 */
export function scryptMemory(params: Pick<ScryptParams, 'logN' | 'r'>): number {
  return 128 * 2 ** params.logN * params.r;
}

/**
 * True when the numbers are whole, positive and within what scrypt accepts.
 *
 * @example
 * isWellFormedParams({ logN: 17, r: 8, p: 1 }); // true
 * isWellFormedParams({ logN: 17.5, r: 8, p: 1 }); // false
 */
export function isWellFormedParams(params: ScryptParams): boolean {
  const { logN, r, p } = params;
  return (
    Number.isInteger(logN) && Number.isInteger(r) && Number.isInteger(p) &&
    logN >= 1 && logN <= 30 && r >= 1 && p >= 1 && r * p < 2 ** 30
  );
}

/**
 * Whether params meet OWASP's scrypt minimum (N=2^17,p=1 or 2^16,p=2 or 2^15,p=3, with r=8).
 *
 * @example
 * meetsOwaspFloor({ logN: 17, r: 8, p: 1 }); // true
 * meetsOwaspFloor({ logN: 14, r: 8, p: 1 }); // false
 */
export function meetsOwaspFloor(params: ScryptParams): boolean {
  if (!isWellFormedParams(params) || params.r < 8) return false;
  return OWASP_SCRYPT_FLOOR.some(
    (row) => params.logN >= row.logN && params.logN + Math.log2(params.p) >= row.logN + Math.log2(row.p),
  );
}

/**
 * Marks weak params as test-only so tests can hash fast. A hasher accepts params below the floor
 * only with this mark, and {@link checkScryptParams} rejects the mark in production.
 *
 * @example
 * const hasher = createPasswordHasher({ params: testOnlyScryptParams({ logN: 10 }) });
 */
export function testOnlyScryptParams(params: { logN: number; r?: number; p?: number }): ScryptParams {
  return Object.freeze({ logN: params.logN, r: params.r ?? 8, p: params.p ?? 1, testOnly: true });
}

/**
 * Lists what is wrong with `params` for the given environment, as sentences that say what to fix.
 * An empty list means the params are fine. Used by the boot-time self-check.
 *
 * @example
 * checkScryptParams({ logN: 12, r: 8, p: 1 }, { production: true });
 * // ['scrypt params logN=12 r=8 p=1 are below OWASP's minimum …']
 */
export function checkScryptParams(params: ScryptParams, options: { production: boolean }): string[] {
  const problems: string[] = [];
  const label = `logN=${params.logN} r=${params.r} p=${params.p}`;
  if (!isWellFormedParams(params)) {
    problems.push(`scrypt params ${label} are not valid: logN 1–30, r and p positive integers.`);
    return problems;
  }
  if (params.testOnly === true && options.production) {
    problems.push(
      `scrypt params ${label} are marked test-only; production must use DEFAULT_SCRYPT_PARAMS or params that meet OWASP's minimum (N=2^17 r=8 p=1, 2^16/8/2 or 2^15/8/3).`,
    );
  } else if (params.testOnly !== true && !meetsOwaspFloor(params)) {
    problems.push(
      `scrypt params ${label} are below OWASP's minimum (N=2^17 r=8 p=1, 2^16/8/2 or 2^15/8/3); use DEFAULT_SCRYPT_PARAMS or run \`pnpm --filter @acme/auth-core calibrate\`.`,
    );
  }
  if (scryptMemory(params) > MAX_STORED_COST.scryptMemoryBytes) {
    problems.push(`scrypt params ${label} need ${scryptMemory(params) / 2 ** 20} MiB per hash; the limit is 256 MiB.`);
  }
  return problems;
}

/**
 * Throws when params may not be used to create hashes: below the floor without the test-only mark.
 *
 * @example
 * assertUsableParams(DEFAULT_SCRYPT_PARAMS); // ok
 */
export function assertUsableParams(params: ScryptParams): void {
  const problems = checkScryptParams(params, { production: false });
  if (problems.length > 0) throw new RangeError(problems.join(' '));
}
