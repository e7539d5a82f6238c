import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, withEnvFiles } from '../../src/index.js';

const folders: string[] = [];
afterEach(async () => Promise.all(folders.splice(0).map((dir) => rm(dir, { recursive: true, force: true }))));

async function appWith(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'env-files-'));
  folders.push(dir);
  for (const [name, content] of Object.entries(files)) await writeFile(path.join(dir, name), content);
  return dir;
}

describe('withEnvFiles', () => {
  it('reads .env, then .env.local over it, then the real environment over both', async () => {
    const dir = await appWith({ '.env': 'PORT=4000\nAPP_ORIGIN=http://from-env\n# a comment\nREDIS_PREFIX="quoted value"\n', '.env.local': 'PORT=4001\n' });
    const env = withEnvFiles(dir, { APP_ORIGIN: 'http://real' });
    expect(env).toMatchObject({ PORT: '4001', APP_ORIGIN: 'http://real', REDIS_PREFIX: 'quoted value' });
  });

  it('needs neither file, and never changes the environment it is given', async () => {
    const dir = await appWith({});
    const real = { PORT: '1234' };
    expect(withEnvFiles(dir, real)).toEqual({ PORT: '1234' });
    expect(withEnvFiles(await appWith({ '.env': 'PORT=9' }), real)).toEqual({ PORT: '1234' });
    expect(real).toEqual({ PORT: '1234' });
  });

  it('reads no file in production (NODE_ENV=production in the real environment)', async () => {
    const dir = await appWith({ '.env': 'SESSION_KEYS=from-a-file\n' });
    expect(withEnvFiles(dir, { NODE_ENV: 'production' })).toEqual({ NODE_ENV: 'production' });
  });

  it('says which file it could not read, as a ConfigError', async () => {
    const dir = await appWith({});
    await import('node:fs/promises').then((fs) => fs.mkdir(path.join(dir, '.env')));
    expect(() => withEnvFiles(dir, {})).toThrow(ConfigError);
    expect(() => withEnvFiles(dir, {})).toThrow(/Could not read .*\.env/);
  });
});
