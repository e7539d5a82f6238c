import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ENV_VARIABLES } from '@acme/app-shell';
import { describe, expect, it } from 'vitest';

const page = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'guide', 'configuration.md');

describe('the Configuration page', () => {
  it('lists every variable the app shell reads, with the declared default and meaning, in order', async () => {
    const text = await readFile(page, 'utf8');
    const rows = [...text.matchAll(/^\| `([A-Z][A-Z0-9_]*)` \| (.*) \| (.*) \|$/gm)].map((m) => ({ name: m[1], default: m[2], meaning: m[3] }));
    expect(rows).toEqual(ENV_VARIABLES.map((v) => ({ name: v.name, default: v.default, meaning: v.meaning })));
  });
});
