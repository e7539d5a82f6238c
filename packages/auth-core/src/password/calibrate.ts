import { Scrypt } from './scrypt-kdf.js';
import { DEFAULT_SCRYPT_PARAMS, meetsOwaspFloor, scryptMemory, type ScryptParams } from './params.js';

/** One timed scrypt run. */
export interface Measurement {
  params: ScryptParams;
  ms: number;
  mib: number;
}

/** What {@link recommendScryptParams} found. */
export interface Calibration {
  measurements: Measurement[];
  recommended: ScryptParams;
  recommendedMs: number;
  note: string;
}

async function time(params: ScryptParams): Promise<number> {
  const started = performance.now();
  await Scrypt.kdf('calibration password', { logN: params.logN, r: params.r, p: params.p });
  return performance.now() - started;
}

/**
 * Times scrypt for OWASP-equivalent params of rising cost (logN 17 upwards, r 8, p 1) and returns
 * the strongest that fits `targetMs` and `maxMemoryBytes`; never anything below OWASP's minimum
 * (if even the minimum is slower than the target, the minimum is recommended and the note says so).
 *
 * @example
 * const { recommended } = await recommendScryptParams({ targetMs: 250, maxMemoryBytes: 256 * 2 ** 20 });
 */
export async function recommendScryptParams(options: { targetMs: number; maxMemoryBytes: number }): Promise<Calibration> {
  const measurements: Measurement[] = [];
  let recommended: ScryptParams = DEFAULT_SCRYPT_PARAMS;
  let recommendedMs = Number.POSITIVE_INFINITY;
  for (let logN = DEFAULT_SCRYPT_PARAMS.logN; logN <= 20; logN += 1) {
    const params: ScryptParams = { logN, r: 8, p: 1 };
    if (scryptMemory(params) > options.maxMemoryBytes) break;
    await time(params); // warm-up
    const ms = Math.min(await time(params), await time(params));
    measurements.push({ params, ms, mib: scryptMemory(params) / 2 ** 20 });
    if (logN === DEFAULT_SCRYPT_PARAMS.logN || ms <= options.targetMs) {
      recommended = params;
      recommendedMs = ms;
    }
    if (ms > options.targetMs) break;
  }
  if (!meetsOwaspFloor(recommended)) throw new Error('internal: calibration picked params below the OWASP floor');
  const note =
    recommendedMs > options.targetMs
      ? `Even OWASP's minimum takes longer than ${options.targetMs} ms here; keep the minimum and size maxConcurrent for your login rate.`
      : 'Pass these params to createPasswordHasher({ params }). Existing hashes upgrade on their next successful login.';
  return { measurements, recommended, recommendedMs, note };
}
