import { describe, expect, it } from 'vitest';
import { meetsOwaspFloor } from '../../src/index.js';
import { recommendScryptParams } from '../../src/password/calibrate.js';

describe('recommendScryptParams', () => {
  it('never recommends params below the OWASP floor, even for a tiny time budget', async () => {
    const result = await recommendScryptParams({ targetMs: 1, maxMemoryBytes: 128 * 2 ** 20 });
    expect(meetsOwaspFloor(result.recommended)).toBe(true);
    expect(result.recommended).toEqual({ logN: 17, r: 8, p: 1 });
    expect(result.note).toMatch(/longer than 1 ms/);
    expect(result.measurements).toHaveLength(1);
  });
});
