import type { SessionSummary } from './types.js';

/** The `userId` a session's data names, if it is a string. */
export function userIdOf(data: Record<string, unknown>): string | undefined {
  return typeof data.userId === 'string' ? data.userId : undefined;
}

/** Builds the summary a store returns from `listByUser`. */
export function summarize(key: string, data: Record<string, unknown>, expiresAt: number): SessionSummary {
  return { digest: key, data, expiresAt };
}

/** Parses stored JSON into a plain object; anything else (corrupt rows) is `undefined`. */
export function parseRecord(json: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(json);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
