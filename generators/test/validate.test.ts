import { describe, expect, it } from 'vitest';
import { GeneratorError, parseAppName, parseRole } from '../src/index.js';

describe('parseAppName', () => {
  it('accepts folder-and-package-safe names', () => {
    for (const name of ['shop', 'admin-portal', 'a1', 'x'.repeat(40)]) expect(parseAppName(name)).toBe(name);
    expect(parseAppName('  shop ')).toBe('shop');
  });

  it('refuses everything else with a GeneratorError that says what is allowed', () => {
    for (const name of ['', 'x', 'Shop', '1shop', 'shop-', 'sh--op', '../shop', 'shop/x', 'shop.js', 'x'.repeat(41), 'café']) {
      expect(() => parseAppName(name), name).toThrow(GeneratorError);
      expect(() => parseAppName(name), name).toThrow(/lower-case letters, digits and dashes/);
    }
    expect(() => parseAppName('auth-core')).toThrow(/reserved/);
  });
});

describe('parseRole', () => {
  it('accepts the role names the account store stores, and refuses others', () => {
    expect(parseRole('admin')).toBe('admin');
    expect(parseRole('billing_admin')).toBe('billing_admin');
    for (const role of ['', 'Admin', '1admin', 'ad min', 'admin,root', 'a'.repeat(33)]) expect(() => parseRole(role), role).toThrow(/--role/);
  });
});
