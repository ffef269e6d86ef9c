/**
 * Every DynamoDB key of the Portico table is built here, and nowhere else.
 *
 * Tenant data lives under partition keys that start with `ORG#<orgId>`, so an IAM policy with
 * `dynamodb:LeadingKeys` = `ORG#<orgId>` / `ORG#<orgId>#*` fences one organization. Every builder of
 * tenant data takes the org id first. The only items outside a tenant's partitions are the global
 * lookup items (`SLUG#...`, `KEYHASH#...`), which carry ids and never tenant secrets.
 *
 * | item                | pk                          | sk                                  |
 * |---------------------|-----------------------------|-------------------------------------|
 * | organization        | ORG#<orgId>                 | ORG                                 |
 * | API key             | ORG#<orgId>                 | KEY#<keyId>                         |
 * | server              | ORG#<orgId>                 | SERVER#<serverId>                   |
 * | member              | ORG#<orgId>                 | MEMBER#<memberId>                   |
 * | admin counter       | ORG#<orgId>                 | ADMINS                              |
 * | storage counter     | ORG#<orgId>                 | STORAGE                             |
 * | member grant index  | ORG#<orgId>                 | GRANT#<memberId>#<familyId>         |
 * | spec version        | ORG#<orgId>#SRV#<serverId>  | VER#<versionId>                     |
 * | spec version chunk  | ORG#<orgId>#SRV#<serverId>  | CHUNK#<versionId>#<blob>#<nnnn>     |
 * | upstream config     | ORG#<orgId>#SRV#<serverId>  | UPSTREAM                            |
 * | tool configuration  | ORG#<orgId>#SRV#<serverId>  | TOOLCONFIG                          |
 * | email code          | ORG#<orgId>#CODE#<emailHash>| MEMBER / SRV#<serverId>             |
 * | end user            | ORG#<orgId>#SRV#<serverId>  | ENDUSER#<endUserId>                 |
 * | end-user grant index| ORG#<orgId>#SRV#<serverId>  | GRANT#<endUserId>#<familyId>        |
 * | org-bound client    | ORG#<orgId>#SRV#<serverId>  | CLIENT#<clientId>                   |
 * | auth event          | ORG#<orgId>#EVENTS          | EVT#<eventId>  (gsi1: per server)   |
 * | slug lookup         | SLUG#<slug>                 | SLUG                                |
 * | API key lookup      | KEYHASH#<sha256hex>         | KEYHASH                             |
 * | OAuth client        | CLIENT#<clientId>           | CLIENT                              |
 * | authorization code  | AUTHCODE#<sha256hex>        | AUTHCODE                            |
 * | refresh token       | REFRESH#<sha256hex>         | REFRESH                             |
 * | refresh family      | RTFAMILY#<familyId>         | RTFAMILY                            |
 * | rate-limit slot     | RATE#<sha256(bucket)>       | SLOT#<nn>                           |
 * | used flow state     | FLOW#<sha256hex>            | FLOW                                |
 * | sign-up email code  | SIGNUP#CODE#<emailHash>     | SIGNUP                              |
 *
 * OAuth items are global because the token endpoint knows only the client id, the code or the
 * refresh token (hashes, never the secrets); each grant carries its org and server ids and its
 * subject as an id (`sub` = memberId / endUserId), never an address, and all of them expire
 * through the TTL attribute. Grant index items (`GRANT#...`) name a subject's refresh families
 * inside the tenant, so a member's or end user's sessions can be revoked by tenant key.
 *
 * `emailHash` is emailHash() of the normalized address (emails.ts): addresses never appear in keys.
 * `memberId` and `endUserId` are that hash. Listings of a partition always query with an sk
 * prefix (`KEY#`, `SERVER#`, `MEMBER#`, `ENDUSER#`, `CLIENT#`, `GRANT#`, ...), so kinds sharing a
 * partition never leak into each other's listings.
 * Rate-limit slots are global on purpose (a mailbox or an IP is limited across every org and
 * server, see rate-limits.ts) and hold only a count.
 */

/** A primary key of the table. */
export interface ItemKey {
  pk: string;
  sk: string;
}

/** The kinds of blob stored in chunks per spec version. */
export type BlobKind = 'document' | 'manifest' | 'report';

const orgPk = (orgId: string): string => `ORG#${orgId}`;
const serverPk = (orgId: string, serverId: string): string => `ORG#${orgId}#SRV#${serverId}`;

export const keys = {
  org: (orgId: string): ItemKey => ({ pk: orgPk(orgId), sk: 'ORG' }),

  apiKey: (orgId: string, keyId: string): ItemKey => ({ pk: orgPk(orgId), sk: `KEY#${keyId}` }),
  /** Query prefix for all API keys of an org (pk = orgPk, sk begins_with). */
  apiKeysOf: (orgId: string): { pk: string; skPrefix: string } => ({
    pk: orgPk(orgId),
    skPrefix: 'KEY#',
  }),

  /** The org's stored-bytes counter of spec versions (storage.ts). */
  storage: (orgId: string): ItemKey => ({ pk: orgPk(orgId), sk: 'STORAGE' }),
  server: (orgId: string, serverId: string): ItemKey => ({
    pk: orgPk(orgId),
    sk: `SERVER#${serverId}`,
  }),
  serversOf: (orgId: string): { pk: string; skPrefix: string } => ({
    pk: orgPk(orgId),
    skPrefix: 'SERVER#',
  }),

  /** An org member; `memberId` = emailHash(email). */
  member: (orgId: string, memberId: string): ItemKey => ({
    pk: orgPk(orgId),
    sk: `MEMBER#${memberId}`,
  }),
  membersOf: (orgId: string): { pk: string; skPrefix: string } => ({
    pk: orgPk(orgId),
    skPrefix: 'MEMBER#',
  }),
  /** The number of `admin` members of an org (`admins`), written with every change to it. */
  adminCount: (orgId: string): ItemKey => ({ pk: orgPk(orgId), sk: 'ADMINS' }),

  /**
   * The tenant-side index of one refresh family of a subject: a member's (`serverId` absent, in
   * the org partition) or an end user's of one server (in the server partition).
   */
  grant: (orgId: string, serverId: string | undefined, sub: string, familyId: string): ItemKey => ({
    pk: serverId ? serverPk(orgId, serverId) : orgPk(orgId),
    sk: `GRANT#${sub}#${familyId}`,
  }),
  grantsOf: (
    orgId: string,
    serverId: string | undefined,
    sub: string,
  ): { pk: string; skPrefix: string } => ({
    pk: serverId ? serverPk(orgId, serverId) : orgPk(orgId),
    skPrefix: `GRANT#${sub}#`,
  }),

  /** The tenant-side copy of an OAuth client the org registered for one of its servers. */
  serverClient: (orgId: string, serverId: string, clientId: string): ItemKey => ({
    pk: serverPk(orgId, serverId),
    sk: `CLIENT#${clientId}`,
  }),
  serverClientsOf: (orgId: string, serverId: string): { pk: string; skPrefix: string } => ({
    pk: serverPk(orgId, serverId),
    skPrefix: 'CLIENT#',
  }),

  version: (orgId: string, serverId: string, versionId: string): ItemKey => ({
    pk: serverPk(orgId, serverId),
    sk: `VER#${versionId}`,
  }),
  versionsOf: (orgId: string, serverId: string): { pk: string; skPrefix: string } => ({
    pk: serverPk(orgId, serverId),
    skPrefix: 'VER#',
  }),
  chunk: (
    orgId: string,
    serverId: string,
    versionId: string,
    blob: BlobKind,
    index: number,
  ): ItemKey => ({
    pk: serverPk(orgId, serverId),
    sk: `CHUNK#${versionId}#${blob}#${String(index).padStart(4, '0')}`,
  }),

  upstream: (orgId: string, serverId: string): ItemKey => ({
    pk: serverPk(orgId, serverId),
    sk: 'UPSTREAM',
  }),

  toolConfig: (orgId: string, serverId: string): ItemKey => ({
    pk: serverPk(orgId, serverId),
    sk: 'TOOLCONFIG',
  }),

  /**
   * The live email code of one address for one audience: the org's member sign-in
   * (`serverId` absent) or the end-user sign-in of one server. One item per (audience, email), so a
   * new code replaces the old; the partition per address spreads a busy org's writes.
   */
  emailCode: (orgId: string, emailHash: string, serverId?: string): ItemKey => ({
    pk: `ORG#${orgId}#CODE#${emailHash}`,
    sk: serverId ? `SRV#${serverId}` : 'MEMBER',
  }),

  /** An end user of one server; `endUserId` = emailHash(email). */
  endUser: (orgId: string, serverId: string, endUserId: string): ItemKey => ({
    pk: serverPk(orgId, serverId),
    sk: `ENDUSER#${endUserId}`,
  }),
  endUsersOf: (orgId: string, serverId: string): { pk: string; skPrefix: string } => ({
    pk: serverPk(orgId, serverId),
    skPrefix: 'ENDUSER#',
  }),

  /** Auth events of an org; `eventId`s sort by time, so sk order is time order. */
  authEvent: (orgId: string, eventId: string): ItemKey => ({
    pk: `${orgPk(orgId)}#EVENTS`,
    sk: `EVT#${eventId}`,
  }),
  authEventsOf: (orgId: string): { pk: string; skPrefix: string } => ({
    pk: `${orgPk(orgId)}#EVENTS`,
    skPrefix: 'EVT#',
  }),
  authEventsOfServer: (orgId: string, serverId: string): { gsi1pk: string; skPrefix: string } => ({
    gsi1pk: `${serverPk(orgId, serverId)}#EVENTS`,
    skPrefix: 'EVT#',
  }),
  /** gsi1 keys of an auth event of a server: the per-server listing, newest first. */
  authEventServerIndex: (
    orgId: string,
    serverId: string,
    eventId: string,
  ): { gsi1pk: string; gsi1sk: string } => ({
    gsi1pk: `${serverPk(orgId, serverId)}#EVENTS`,
    gsi1sk: `EVT#${eventId}`,
  }),

  /** Global: one slot of a sliding-window rate limit (`bucketHash` = SHA-256 of the bucket). */
  rateSlot: (bucketHash: string, slot: number): ItemKey => ({
    pk: `RATE#${bucketHash}`,
    sk: `SLOT#${String(slot).padStart(4, '0')}`,
  }),
  rateSlotsOf: (bucketHash: string): { pk: string; skPrefix: string } => ({
    pk: `RATE#${bucketHash}`,
    skPrefix: 'SLOT#',
  }),

  /** Global: a used authorize-page flow state, by the SHA-256 of its flow id (single use). */
  flowState: (flowIdHash: string): ItemKey => ({ pk: `FLOW#${flowIdHash}`, sk: 'FLOW' }),

  /**
   * Global: the live sign-up code of one address (no org exists yet). One item per address, so a
   * new code replaces the old, like the sign-in codes of emailCode.
   */
  signupCode: (emailHash: string): ItemKey => ({ pk: `SIGNUP#CODE#${emailHash}`, sk: 'SIGNUP' }),

  /** Global: slug -> { orgId, serverId }. Its conditional put makes slugs unique. */
  slugLookup: (slug: string): ItemKey => ({ pk: `SLUG#${slug}`, sk: 'SLUG' }),
  /** Global: SHA-256 of an API key -> a copy of the key record (no key material). */
  apiKeyLookup: (hash: string): ItemKey => ({ pk: `KEYHASH#${hash}`, sk: 'KEYHASH' }),

  /**
   * Global: an OAuth client, registered through RFC 7591 dynamic client registration or by an org
   * for one of its servers (then also at serverClient).
   */
  oauthClient: (clientId: string): ItemKey => ({ pk: `CLIENT#${clientId}`, sk: 'CLIENT' }),
  /** Global: an authorization code by the SHA-256 of the code (RFC 6749 section 4.1.2). */
  authCode: (codeHash: string): ItemKey => ({ pk: `AUTHCODE#${codeHash}`, sk: 'AUTHCODE' }),
  /** Global: a refresh token by its SHA-256. */
  refreshToken: (tokenHash: string): ItemKey => ({ pk: `REFRESH#${tokenHash}`, sk: 'REFRESH' }),
  /** Global: a refresh-token family (one sign-in and all its rotations). */
  refreshFamily: (familyId: string): ItemKey => ({ pk: `RTFAMILY#${familyId}`, sk: 'RTFAMILY' }),
};
