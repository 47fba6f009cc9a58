import { competencyErrors } from './competencies.errors';

/** Encodes a keyset position as an opaque cursor. */
export const encodeCursor = (c: Record<string, string>): string => Buffer.from(JSON.stringify(c)).toString('base64url');

/** Decodes a cursor this API gave out with the given string fields; anything else is a 400. */
export function decodeCursor<K extends string>(value: string | undefined, keys: readonly K[]): Record<K, string> | null {
  if (!value) return null;
  try {
    const c = JSON.parse(Buffer.from(value, 'base64url').toString()) as Record<string, unknown>;
    if (keys.every((k) => typeof c[k] === 'string') && /^[0-9a-f-]{36}$/i.test(String(c.id))) return c as Record<K, string>;
  } catch {
    /* reported below */
  }
  throw competencyErrors.badCursor();
}
