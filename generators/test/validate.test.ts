import { describe, expect, it } from 'vitest';
import { GeneratorError, parseAppName, parsePort, parseRole } from '../src/index.js';

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

describe('parsePort', () => {
  it('accepts a port from 1024 to 65535, and refuses others saying what is allowed', () => {
    expect(parsePort('3000')).toBe(3000);
    expect(parsePort(' 65535 ')).toBe(65535);
    for (const raw of ['', '80', '1023', '65536', '3000.5', '3e3', '0x0bb8', 'port']) expect(() => parsePort(raw), raw).toThrow(/--port ".*" is not a valid port: use a whole number from 1024 to 65535/);
  });
});
