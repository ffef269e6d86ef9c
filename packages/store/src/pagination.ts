import { PorticoError } from '@portico/contracts';

/** One page of a listing; `cursor` is absent on the last page. */
export interface Page<T> {
  items: T[];
  cursor?: string;
}

/** Largest page size a listing accepts; larger requests are clamped. */
export const MAX_PAGE_SIZE = 100;

/** The page size to use: `limit` clamped to 1..MAX_PAGE_SIZE, default 50. */
export function pageSize(limit: number | undefined): number {
  return Math.min(Math.max(Math.trunc(limit ?? 50), 1), MAX_PAGE_SIZE);
}

/** An opaque cursor (base64url JSON) for the key of the last item of a page. */
export function encodeCursor(key: Record<string, unknown>): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

/**
 * The key a cursor carries. The cursor comes from the client, so it must stay inside the listing it
 * was issued for: its `field` (`pk` or `gsi1pk`) must equal `expected`, otherwise another org's or
 * server's partition could be read with it.
 * Throws PorticoError('VALIDATION_FAILED') for a malformed or foreign cursor.
 */
export function decodeCursor(
  cursor: string,
  field: 'pk' | 'gsi1pk',
  expected: string,
): Record<string, string> {
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new PorticoError('VALIDATION_FAILED', 'invalid cursor');
  }
  const ok =
    typeof key === 'object' &&
    key !== null &&
    Object.values(key).every((v) => typeof v === 'string') &&
    (key as Record<string, string>)[field] === expected;
  if (!ok) throw new PorticoError('VALIDATION_FAILED', 'invalid cursor');
  return key as Record<string, string>;
}
