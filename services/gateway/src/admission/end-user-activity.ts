import type { ServerRecord } from '@portico/store';
import { END_USER_TOUCH_INTERVAL_MS } from '@portico/store';
import { MAX_TOKEN_LIFETIME_SECONDS } from '@portico/tokens';
import { LruCache } from '../cache.js';
import type { GatewayStore } from '../deps.js';

/**
 * How long a deleted end user is remembered, ms: the longest access-token lifetime (15 min). Every
 * token issued before we learned of the deletion has expired by then, so forgetting is safe.
 */
const DELETED_MEMORY_MS = MAX_TOKEN_LIFETIME_SECONDS * 1000;

/** Subjects tracked per process (LRU); beyond this the least recently seen are forgotten. */
const MAX_SUBJECTS = 50_000;

/**
 * End users' activity at `end_user` servers (issue 4 item 6: last seen "updated on sign-in and on
 * activity, at most once a minute per user"), and what the gateway learns from it.
 *
 * - {@link record}: after a verified access token, writes `lastSeenAt` through
 *   `store.endUsers.touch` at most once per END_USER_TOUCH_INTERVAL_MS (60 s) per (server, sub) in
 *   this process, off the request path (the store's own condition keeps replicas to about one
 *   write a minute as well).
 * - When the store answers `'missing'`, the end user was deleted (the control API deletes the
 *   record and revokes the refresh-token families): the subject is remembered for 15 min, and
 *   {@link isDeleted} refuses its tokens issued (`iat`) before that moment. A later sign-in
 *   creates the record again and mints tokens with a newer `iat`, which pass.
 *
 * Clock: `Date.now()` (epoch ms). Store failures are reported to `onError`, never thrown.
 */
export class EndUserActivity {
  private readonly touchedAt = new LruCache<string, number>(MAX_SUBJECTS);
  private readonly deletedSince = new LruCache<string, number>(MAX_SUBJECTS);
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    private readonly store: Pick<GatewayStore, 'endUsers'>,
    private readonly onError: (error: unknown) => void = () => {},
  ) {}

  /**
   * True when `sub` is known deleted at this server and the token was issued (`iatMs`, epoch ms)
   * before the gateway learned it.
   */
  isDeleted(server: ServerRecord, sub: string, iatMs: number): boolean {
    const key = subjectKey(server, sub);
    const since = this.deletedSince.get(key);
    if (since === undefined) return false;
    if (Date.now() - since >= DELETED_MEMORY_MS) {
      this.deletedSince.delete(key);
      return false;
    }
    return iatMs < since;
  }

  /** Notes activity of `sub` at `server` now; writes at most once a minute, never waits. */
  record(server: ServerRecord, sub: string): void {
    const key = subjectKey(server, sub);
    const now = Date.now();
    const last = this.touchedAt.get(key);
    if (last !== undefined && now - last < END_USER_TOUCH_INTERVAL_MS) return;
    this.touchedAt.set(key, now);
    const write = this.store.endUsers
      .touch(server.orgId, server.serverId, sub, new Date(now))
      .then(
        (outcome) => {
          if (outcome === 'missing') {
            if (this.deletedSince.get(key) === undefined) this.deletedSince.set(key, now);
          } else {
            this.deletedSince.delete(key);
          }
        },
        (error: unknown) => {
          // Not recorded: the next request may try again.
          this.touchedAt.delete(key);
          this.onError(error);
        },
      )
      .finally(() => this.inFlight.delete(write));
    this.inFlight.add(write);
  }

  /** Resolves once every write started so far has settled (graceful shutdown). */
  async settle(): Promise<void> {
    await Promise.all([...this.inFlight]);
  }
}

function subjectKey(server: ServerRecord, sub: string): string {
  return `${server.serverId} ${sub}`;
}
