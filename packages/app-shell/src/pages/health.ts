import type Router from '@koa/router';

/**
 * Registers `GET /healthz`: runs every probe at once and answers 200 `{ status: 'ok', <name>: 'ok' }`
 * when all resolve, or 503 `{ status: 'degraded', <name>: 'unavailable' }` naming the ones that
 * failed. Reasons are not shown (they may hold hostnames or credentials).
 *
 * @example
 * healthRoute(router, { database: () => pingDatabase(db.kysely), sessions: () => sessions.ping() });
 */
export function healthRoute(router: Router, probes: Readonly<Record<string, () => Promise<unknown>>>, path = '/healthz'): void {
  router.get(path, async (ctx) => {
    const entries = await Promise.all(
      Object.entries(probes).map(async ([name, probe]) => {
        try {
          await probe();
          return [name, 'ok'] as const;
        } catch {
          return [name, 'unavailable'] as const;
        }
      }),
    );
    const healthy = entries.every(([, state]) => state === 'ok');
    ctx.status = healthy ? 200 : 503;
    ctx.body = { status: healthy ? 'ok' : 'degraded', ...Object.fromEntries(entries) };
  });
}
