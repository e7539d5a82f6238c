#!/usr/bin/env node
// Prints one closing line, "N passed, N failed", summed over every package's Vitest JSON report
// (each package's vitest config writes test-results/vitest.json; turbo restores it on cache hits).
// Exits 1 when no report exists or no test ran, so a CI run that tested nothing cannot pass.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const packageDirs = ['apps', 'packages']
  .flatMap((group) => {
    const dir = path.join(root, group);
    return existsSync(dir) ? readdirSync(dir).map((name) => path.join(dir, name)) : [];
  })
  .concat(['generators', 'docs', 'bench'].map((name) => path.join(root, name)));

let passed = 0;
let failed = 0;
let skipped = 0;
let reports = 0;
for (const dir of packageDirs) {
  const file = path.join(dir, 'test-results', 'vitest.json');
  if (!existsSync(file)) continue;
  const report = JSON.parse(readFileSync(file, 'utf8'));
  reports += 1;
  passed += report.numPassedTests ?? 0;
  failed += report.numFailedTests ?? 0;
  skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
}
console.log(`tests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
if (reports === 0 || passed === 0 || failed > 0) process.exit(1);
