import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const STORES = path.join(import.meta.dirname, '..', '..', 'src', 'stores');

describe('session stores', () => {
  it('SEC-MISC-02 build no SQL from strings: every value is a bound parameter', () => {
    const files = readdirSync(STORES).filter((f) => f.endsWith('.ts'));
    expect(files).toContain('sqlite.ts');
    for (const file of files) {
      const text = readFileSync(path.join(STORES, file), 'utf8');
      expect(text, file).not.toMatch(/\.(prepare|exec)\(\s*`[^`]*\$\{/);
    }
  });
});
