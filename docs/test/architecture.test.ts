import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { IMPORT_RULES } from '../../scripts/import-rules.mjs';

const page = readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'concepts', 'architecture.md'), 'utf8');

/** The rows of the page's "may import" table, as [part, role, may import]. */
function tableRows(): [string, string, string[]][] {
  const table = page.slice(page.indexOf('| part | what it is | may import |'));
  return table
    .split('\n')
    .slice(2)
    .filter((line) => line.startsWith('| `'))
    .map((line) => {
      const [part = '', role = '', may = ''] = line.split(' | ').map((cell) => cell.replace(/^\| /, '').replace(/ \|$/, ''));
      return [part.replaceAll('`', ''), role, may === 'nothing of ours' ? [] : may.split(', ').map((m) => m.replaceAll('`', ''))];
    });
}

describe('the Architecture page', () => {
  it('shows exactly the import rules that scripts/import-rules.mjs enforces', () => {
    expect(tableRows()).toEqual(IMPORT_RULES.map((rule) => [rule.part, rule.role, [...rule.mayImport]]));
  });

  it('draws the request chain in one diagram and links the request-flow page instead of repeating it', () => {
    expect(page.match(/```mermaid/g)).toHaveLength(1);
    expect(page).toContain('(/concepts/request-flow)');
  });
});
