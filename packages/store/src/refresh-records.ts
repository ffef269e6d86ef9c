/** The grant of an MCP client acting for an end user of one server (OAuth 2.1 section 4.3). */
export interface EndUserRefreshGrant {
  kind: 'enduser';
  /** SHA-256 of the opaque token. */
  tokenHash: string;
  clientId: string;
  /** RFC 8707 resource the family is bound to (the access tokens' `aud`). */
  resource: string;
  orgId: string;
  serverId: string;
  /** The end user's id (`endUserId`), never the address. */
  sub: string;
  scope: string;
}

/** The grant of an org member's session at the control API. */
export interface MemberRefreshGrant {
  kind: 'member';
  /** SHA-256 of the opaque token. */
  tokenHash: string;
  orgId: string;
  /** The member's id (`memberId`), never the address. */
  sub: string;
}

/** What a refresh token stands for: an end user's grant to a client, or a member's session. */
export type RefreshTokenGrant = EndUserRefreshGrant | MemberRefreshGrant;

/**
 * One opaque refresh token, stored only as its SHA-256 at the global `REFRESH#<sha256>`. Tokens of
 * one sign-in form a family; the family item names the one current token, so rotation is one
 * conditional write and presenting any other member of the family is reuse (OAuth 2.1 section
 * 4.3.1, RFC 9700 section 4.14.2).
 */
export type RefreshTokenRecord = RefreshTokenGrant & {
  familyId: string;
  /** ISO-8601. */
  createdAt: string;
  /** Epoch seconds (TTL): now + ttl at issue or rotation, never past the family's maxExpiresAt. */
  expiresAt: number;
};

/**
 * A family at the global `RTFAMILY#<familyId>`. A family revoked before it was issued (a replayed
 * authorization code racing the first exchange) is a tombstone holding only `familyId`,
 * `revokedAt`, `revokedReason` and `expiresAt`.
 */
export interface RefreshFamilyRecord {
  familyId: string;
  kind: RefreshTokenGrant['kind'];
  orgId: string;
  /** Absent for member sessions. */
  serverId?: string;
  /** Absent for member sessions. */
  clientId?: string;
  /** The subject's id (`endUserId` / `memberId`). */
  sub: string;
  /** Hash of the only token of the family that may be used. */
  currentHash: string;
  /** ISO-8601; set when the family is revoked (reuse, revocation, code replay, removal). */
  revokedAt?: string;
  revokedReason?: string;
  /** Epoch seconds (TTL): the latest token's expiry. */
  expiresAt: number;
  /** Epoch seconds: the family's absolute end (issue time + max lifetime); rotation stops here. */
  maxExpiresAt: number;
}

/** What `use` found: the token is current (now rotated), or why not. */
export type RefreshUse =
  | { ok: true; record: RefreshTokenRecord; next: RefreshTokenRecord }
  | { ok: false; reason: 'unknown' }
  | { ok: false; reason: 'expired' | 'revoked' | 'reused'; record: RefreshTokenRecord };

/** Lifetimes of a family, seconds. */
export interface RefreshLifetimes {
  now: Date;
  /** Each token's lifetime (sliding: every rotation starts a new one). */
  ttlSeconds: number;
}
