import type { BenchResult } from '../src/result.js';
import { target } from '../src/result.js';

/** A small, fixed result for the table and chart tests. */
export function sampleResult(): BenchResult {
  return {
    generatedAt: '2026-01-01T00:00:00.000Z',
    node: 'v20.20.0',
    cpus: 2,
    pinned: true,
    quick: false,
    rounds: 3,
    durationSeconds: 5,
    scrypt: { logN: 17, r: 8, p: 1 },
    subjects: [
      { id: 'node-http', label: 'bare node:http handler', rps: [1000, 1100, 900], medianRps: 1000, unexpected: 0 },
      { id: 'koa', label: 'bare Koa route', rps: [800, 800, 800], medianRps: 800, cpuUs: [24, 25, 26], medianCpuUs: 25, unexpected: 0 },
      { id: 'demo-sqlite', label: 'demo <signed in> | SQLite', rps: [400, 400, 400], medianRps: 400, unexpected: 2 },
      { id: 'express-sqlite', label: 'Express 5 + express-session (SQLite store)', rps: [200, 200, 200], medianRps: 200, unexpected: 0 },
    ],
    login: { rawHashRate: [5, 5, 5], loginRate: [4.6, 4.7, 4.5], loopLagP99Ms: 12.5, serverLoopDelayP99Ms: 3, idleProbeP99Ms: 2, loginSeconds: 12, floodConcurrency: 200, floodStatuses: { '302': 70, '503': 130 }, peakRssMiB: 300, unexpected: 0 },
    reference: { floorOverKoa: 0.6, demoOverFloor: 0.8333 },
    peers: [
      {
        store: 'sqlite',
        ours: { id: 'demo-sqlite', medianRps: 400 },
        peers: [{ id: 'express-sqlite', label: 'Express 5 + express-session (SQLite store)', medianRps: 200, oursOver: 2 }],
        fastest: { id: 'express-sqlite', oursOver: 2 },
      },
    ],
    notes: ['a note'],
    targets: [target('ratio', 0.5, '>=', 0.5, 0.4), target('lag', 25, '<', 20)],
  };
}
