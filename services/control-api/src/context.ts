import type { MemberRole, StorageLimits, Store } from '@portico/store';
import type { TokenService } from '@portico/tokens';
import type { ControlApiSignupMode } from './verbs/orgs/signup-mode.js';

/** Who is asking: the caller's org, role and identity, and the request id. */
export interface VerbContext {
  orgId: string;
  /** `key:<keyId>` (org API key) or `member:<memberId>` (member session). */
  actor: string;
  /** The member's role; org API keys act as `admin`. Routes already enforced it (permissions.ts). */
  role: MemberRole;
  requestId: string;
}

/** A verb's argument: the caller's context and the validated input. */
export interface VerbArgs<I> {
  ctx: VerbContext;
  input: I;
}

/** How member session tokens are verified; absent when the deployment accepts API keys only. */
export interface SessionVerification {
  tokens: Pick<TokenService, 'verify'>;
  /** The only `iss` accepted. */
  issuer: string;
  /** The only `aud` accepted: `${publicOrigin}/api/v1`. */
  audience: string;
}

/** What routes and verbs depend on, resolved once by buildApp. */
export interface Deps {
  store: Store;
  /** `open` turns on the unverified POST /api/v1/orgs; `email` / `token` refuse it (403). */
  signup: ControlApiSignupMode;
  /** When set, POST /api/v1/orgs requires header `x-portico-signup-token` with this value. */
  signupToken?: string;
  /** Largest accepted spec upload, bytes, both as sent and after gzip decoding. */
  maxSpecBytes: number;
  /** Versions kept per server and stored bytes per org (README, Storage limits). */
  storageLimits: StorageLimits;
  sessions?: SessionVerification;
}
