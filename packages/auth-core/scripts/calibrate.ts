/**
 * `pnpm --filter @acme/auth-core calibrate [--target-ms 250] [--max-mib 256]`
 *
 * Measures scrypt on this machine and recommends params that meet OWASP's minimum and come
 * closest to the target time without going over the memory cap. scrypt-kdf's `pickParams` alone
 * is not enough: it happily picks params below the minimum on a slow or small machine.
 */
import { parseArgs } from 'node:util';
import { recommendScryptParams } from '../src/password/calibrate.js';

function main(): void {
  const { values } = parseArgs({
    options: {
      'target-ms': { type: 'string', default: '250' },
      'max-mib': { type: 'string', default: '256' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log('Usage: calibrate [--target-ms 250] [--max-mib 256]');
    return;
  }
  const targetMs = Number(values['target-ms']);
  const maxMiB = Number(values['max-mib']);
  if (!Number.isFinite(targetMs) || targetMs <= 0 || !Number.isFinite(maxMiB) || maxMiB < 16) {
    console.error('calibrate: --target-ms must be a positive number and --max-mib at least 16.');
    process.exitCode = 2;
    return;
  }
  console.log(`Measuring scrypt on this machine (target ${targetMs} ms per hash, at most ${maxMiB} MiB)…`);
  recommendScryptParams({ targetMs, maxMemoryBytes: maxMiB * 2 ** 20 })
    .then((result) => {
      for (const m of result.measurements) {
        console.log(`  logN=${m.params.logN} r=${m.params.r} p=${m.params.p}: ${m.ms.toFixed(0)} ms, ${m.mib} MiB`);
      }
      const { logN, r, p } = result.recommended;
      console.log(`\nRecommended: { logN: ${logN}, r: ${r}, p: ${p} } (about ${result.recommendedMs.toFixed(0)} ms)`);
      console.log(result.note);
    })
    .catch((error: unknown) => {
      console.error(`calibrate: ${error instanceof Error ? error.message : String(error)}`);
      process.exitCode = 1;
    });
}

main();
