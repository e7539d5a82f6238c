import { describe, expect, it } from 'vitest';
import { client, demoPerTest, logIn, register } from './demo.js';

const demo = demoPerTest();

describe('look-alike usernames over HTTP (POST /register)', () => {
  it('refuses a name that mixes scripts, and says a same-script look-alike is taken; the real user still signs in', async () => {
    const d = await demo();
    expect((await register(client(d), 'admin')).status).toBe(302);
    expect((await register(client(d), 'cop')).status).toBe(302);

    for (const mixed of ['\u0430dmin', 'adm\u03B9n']) {
      const res = await register(client(d), mixed);
      expect(res.status, mixed).toBe(400);
      expect(res.text).toContain('one alphabet');
    }
    // one script each, yet the same on screen: dotless ı (Latin), all-Cyrillic "сор", "rn" for "m"
    for (const lookAlike of ['adm\u0131n', '\u0441\u043E\u0440', 'adrnin']) {
      const res = await register(client(d), lookAlike);
      expect(res.status, lookAlike).toBe(400);
      expect(res.text).toContain('That username is taken.');
    }
    await expect(d.services.users.count()).resolves.toBe(2);

    expect((await logIn(client(d), 'admin')).status).toBe(302);
    expect((await logIn(client(d), 'ADMIN')).status).toBe(302);
    expect((await logIn(client(d), '\u0430dmin')).status).toBe(400);
  });
});
