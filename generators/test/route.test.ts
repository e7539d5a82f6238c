import { describe, expect, it } from 'vitest';
import { parseRole, parseRoutePath } from '../src/index.js';

// What `gen route` writes, and its refusals against a real app, are tested on a freshly generated
// app in fresh-app.test.ts: that runs in any workspace, whether or not it still has the demo.
describe('parseRoutePath', () => {
  it('accepts simple nested paths and refuses everything else', () => {
    expect(parseRoutePath('/reports/monthly-summary')).toEqual({ path: '/reports/monthly-summary', segments: ['reports', 'monthly-summary'] });
    for (const bad of ['', '/', '//evil', '/a/../b', '/a\\b', '/a%2e%2e', '/a/b/c/d/e', '/A', '/a/', '/:id', '/dashboard/x']) {
      expect(() => parseRoutePath(bad), bad).toThrow();
    }
  });
});

describe('parseRole', () => {
  it('accepts lower-case role names and refuses the rest', () => {
    expect(parseRole('admin')).toBe('admin');
    for (const bad of ['', 'Admins!', 'a b', '../x']) expect(() => parseRole(bad), bad).toThrow();
  });
});
