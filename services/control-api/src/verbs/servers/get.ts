import type { ServerRecord } from '@portico/store';
import type { Deps, VerbArgs } from '../../context.js';
import { resolveServer } from './resolve.js';

/** One of the caller's servers by slug. Errors: NOT_FOUND. */
export function getServer(
  deps: Deps,
  { ctx, input }: VerbArgs<{ slug: string }>,
): Promise<ServerRecord> {
  return resolveServer(deps, ctx, input.slug);
}
