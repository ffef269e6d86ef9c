import { type Agent, Dispatcher } from 'undici';
import { createSafeAgent, type SafeAgentOptions } from './agent.js';
import { parseHostGrants } from './allow-list.js';

/**
 * The upstream dispatcher of a multi-tenant caller: one {@link createSafeAgent} per scope of the
 * operator's grants. Requests sent through it directly (`dispatch`, `request`) get the grants for
 * every server only; {@link forServer} hands out the Agent of one server, exempting also the hosts
 * granted to that server's slug. An allowance therefore reaches only the servers it was granted
 * for, and since each Agent pools its own sockets, a socket opened under one server's grant is
 * never reused for another server's request to the same origin.
 */
export class ServerScopedAgent extends Dispatcher {
  readonly #shared: Agent;
  readonly #granted = new Map<string, Agent>();

  /** See {@link createServerScopedAgent}. */
  constructor(options: SafeAgentOptions = {}) {
    super();
    const grants = parseHostGrants(options.allowHosts ?? []);
    this.#shared = createSafeAgent({ ...options, allowHosts: grants.everyServer });
    for (const [slug, hosts] of grants.byServer) {
      const allowHosts = [...grants.everyServer, ...hosts];
      this.#granted.set(slug, createSafeAgent({ ...options, allowHosts }));
    }
  }

  /** The Agent for requests made on behalf of the server `slug` (exact match). */
  forServer(slug: string): Dispatcher {
    return this.#granted.get(slug) ?? this.#shared;
  }

  override dispatch(options: Dispatcher.DispatchOptions, handler: Dispatcher.DispatchHandler) {
    return this.#shared.dispatch(options, handler);
  }

  override close(): Promise<void>;
  override close(callback: () => void): void;
  override close(callback?: () => void): Promise<void> | undefined {
    const done = Promise.all(this.#agents().map((a) => a.close())).then(() => undefined);
    if (!callback) return done;
    void done.then(callback, callback);
    return undefined;
  }

  override destroy(): Promise<void>;
  override destroy(err: Error | null): Promise<void>;
  override destroy(callback: () => void): void;
  override destroy(err: Error | null, callback: () => void): void;
  override destroy(
    errOrCallback?: Error | null | (() => void),
    callback?: () => void,
  ): Promise<void> | undefined {
    const err = typeof errOrCallback === 'function' ? null : (errOrCallback ?? null);
    const cb = typeof errOrCallback === 'function' ? errOrCallback : callback;
    const done = Promise.all(this.#agents().map((a) => a.destroy(err))).then(() => undefined);
    if (!cb) return done;
    void done.then(cb, cb);
    return undefined;
  }

  #agents(): Agent[] {
    return [this.#shared, ...this.#granted.values()];
  }
}

/**
 * An SSRF-safe dispatcher whose operator allowances are scoped per server (docs/architecture.md
 * section 4, operator grants; `PORTICO_ALLOW_UPSTREAM_HOSTS`). `allowHosts` entries:
 * `slug=host[:port]` exempts that host for the server `slug` only; a bare `host[:port]` exempts it
 * for every server (a single-user local stack, tests). The other options are
 * {@link createSafeAgent}'s, for every Agent. Throws a TypeError naming a malformed entry.
 */
export function createServerScopedAgent(options: SafeAgentOptions = {}): ServerScopedAgent {
  return new ServerScopedAgent(options);
}
