import type { Store } from '@portico/store';

/** Who is asking: the org the API key belongs to, the key id as actor, and the request id. */
export interface VerbContext {
  orgId: string;
  /** The API key id (`key_...`) that authenticated the request. */
  actor: string;
  requestId: string;
}

/** A verb's argument: the caller's context and the validated input. */
export interface VerbArgs<I> {
  ctx: VerbContext;
  input: I;
}

/** What routes and verbs depend on, resolved once by buildApp. */
export interface Deps {
  store: Store;
  /** When set, POST /api/v1/orgs requires header `x-portico-signup-token` with this value. */
  signupToken?: string;
  /** Largest accepted spec upload, bytes, both as sent and after gzip decoding. */
  maxSpecBytes: number;
}
