import http from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BENCH_USER } from '../src/constants.js';
import { send } from '../src/http-client.js';
import { signIn } from '../src/login.js';
import { dashboardBody } from '../src/subjects/dashboard-body.js';
import { benchDemoEnv, openBenchDemo } from '../src/subjects/demo-setup.js';
import { koaHandler } from '../src/subjects/serve.js';

// The peers and the floor send the demo's page from dashboard-body.ts: it must stay the page the
// demo itself sends, byte for byte, or the subjects would be compared on different work.
describe('the same page body on every signed-in subject', () => {
  it('dashboardBody() is the demo dashboard for the bench user, with the session CSRF token', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'acme-bench-body-'));
    const demo = await openBenchDemo(benchDemoEnv('memory', dir));
    const server = http.createServer(koaHandler(demo.app));
    try {
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const { port } = server.address() as AddressInfo;
      const cookie = await signIn(port);
      const page = await send(port, 'GET', '/dashboard', { cookie });
      expect(page.status).toBe(200);
      const token = /name="_csrf" value="([\w-]+)"/.exec(page.body)?.[1];
      expect(token).toMatch(/^[\w-]{43}$/);
      expect(dashboardBody()(BENCH_USER, token ?? '')).toBe(page.body);
    } finally {
      server.close();
      await demo.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('escapes the user name and fills every slot', () => {
    const page = dashboardBody()('<b>&"', 'tok');
    expect(page).toContain('Hello, &lt;b&gt;&amp;&quot;');
    expect(page).not.toContain('<b>&"');
    expect(page).not.toMatch(/marker/);
    expect(page).toContain('value="tok"');
  });
});
