import { describe, expect, it } from 'vitest';
import { relyingParty } from '../../src/passkeys/relying-party.js';

describe('relyingParty', () => {
  it('part of SEC-PK-01: takes the RP ID and origin from APP_ORIGIN', () => {
    expect(relyingParty('https://shop.example')).toEqual({ rpID: 'shop.example', origin: 'https://shop.example' });
    expect(relyingParty('http://localhost:3000')).toEqual({ rpID: 'localhost', origin: 'http://localhost:3000' });
  });

  it('offers no passkeys on an IP address, which can be no RP ID', () => {
    expect(relyingParty('http://127.0.0.1:3000')).toBeUndefined();
    expect(relyingParty('http://[::1]:3000')).toBeUndefined();
  });
});
