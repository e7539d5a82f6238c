import { describe, expect, it } from 'vitest';
import { benchRedisUrl, MAX_ROUNDS, parseBenchArgs, parseInProcessArgs, UsageError } from '../src/cli-args.js';

describe('parseBenchArgs', () => {
  it('reads every flag, and leaves the ones not given undefined', () => {
    expect(parseBenchArgs([])).toEqual({ quick: false, budget: false, out: undefined, clusterCores: undefined, rounds: undefined });
    expect(parseBenchArgs(['--quick', '--budget', '--out', 'tmp/x', '--rounds', '5', '--cluster-cores', '4'])).toEqual({ quick: true, budget: true, out: 'tmp/x', clusterCores: 4, rounds: 5 });
    expect(parseBenchArgs(['--rounds=1'])).toMatchObject({ rounds: 1 });
    expect(parseBenchArgs(['--rounds', String(MAX_ROUNDS)])).toMatchObject({ rounds: MAX_ROUNDS });
  });

  it('refuses a mistyped or unknown flag instead of running the defaults', () => {
    expect(() => parseBenchArgs(['--round', '5'])).toThrow(UsageError);
    expect(() => parseBenchArgs(['--round', '5'])).toThrow(/--round/);
    expect(() => parseBenchArgs(['--quik'])).toThrow(/--quik/);
    expect(() => parseBenchArgs(['quick'])).toThrow(UsageError);
  });

  it('refuses a flag without its value', () => {
    expect(() => parseBenchArgs(['--rounds'])).toThrow(UsageError);
    expect(() => parseBenchArgs(['--out'])).toThrow(UsageError);
    expect(() => parseBenchArgs(['--out', ''])).toThrow(/--out takes a folder/);
  });

  it.each(['0', String(MAX_ROUNDS + 1), '2.5', '1e1', '0x3', '', ' 3', 'many', '-1'])('refuses --rounds %j', (bad) => {
    expect(() => parseBenchArgs([`--rounds=${bad}`])).toThrow(`--rounds takes a whole number from 1 to ${MAX_ROUNDS}, got ${JSON.stringify(bad)}`);
  });

  it('refuses a cluster smaller than 3 cores or not a whole number', () => {
    for (const bad of ['2', 'four', '3.5']) expect(() => parseBenchArgs(['--cluster-cores', bad])).toThrow(/--cluster-cores takes a whole number from 3 to 256/);
  });
});

describe('parseInProcessArgs', () => {
  it('reads the subject and the counts', () => {
    expect(parseInProcessArgs([])).toEqual({ subject: undefined, requests: undefined, rounds: undefined });
    expect(parseInProcessArgs(['demo-redis', '--requests', '200', '--rounds', '2'])).toEqual({ subject: 'demo-redis', requests: 200, rounds: 2 });
  });

  it('refuses unknown flags, a second subject and counts that are not whole numbers above 0', () => {
    expect(() => parseInProcessArgs(['demo-sqlite', '--request', '10'])).toThrow(UsageError);
    expect(() => parseInProcessArgs(['demo-sqlite', 'demo-redis'])).toThrow('one subject at a time, got "demo-sqlite" and "demo-redis"');
    expect(() => parseInProcessArgs(['--requests', '0'])).toThrow('--requests takes a whole number from 1 to 10000000, got "0"');
    expect(() => parseInProcessArgs(['--rounds', '1.5'])).toThrow(/--rounds takes a whole number/);
  });
});

describe('benchRedisUrl', () => {
  it('takes REDIS_URL, then TEST_REDIS_URL (what turbo passes on), then Redis on 127.0.0.1', () => {
    expect(benchRedisUrl({ REDIS_URL: 'redis://a:1', TEST_REDIS_URL: 'redis://b:2' })).toBe('redis://a:1');
    expect(benchRedisUrl({ TEST_REDIS_URL: 'redis://b:2' })).toBe('redis://b:2');
    expect(benchRedisUrl({})).toBe('redis://127.0.0.1:6379');
  });
});
