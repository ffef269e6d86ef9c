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
 * | spec version        | ORG#<orgId>#SRV#<serverId>  | VER#<versionId>                     |
 * | spec version chunk  | ORG#<orgId>#SRV#<serverId>  | CHUNK#<versionId>#<blob>#<nnnn>     |
 * | upstream config     | ORG#<orgId>#SRV#<serverId>  | UPSTREAM                            |
 * | tool configuration  | ORG#<orgId>#SRV#<serverId>  | TOOLCONFIG                          |
 * | slug lookup         | SLUG#<slug>                 | SLUG                                |
 * | API key lookup      | KEYHASH#<sha256hex>         | KEYHASH                             |
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

  server: (orgId: string, serverId: string): ItemKey => ({
    pk: orgPk(orgId),
    sk: `SERVER#${serverId}`,
  }),
  serversOf: (orgId: string): { pk: string; skPrefix: string } => ({
    pk: orgPk(orgId),
    skPrefix: 'SERVER#',
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

  /** Global: slug -> { orgId, serverId }. Its conditional put makes slugs unique. */
  slugLookup: (slug: string): ItemKey => ({ pk: `SLUG#${slug}`, sk: 'SLUG' }),
  /** Global: SHA-256 of an API key -> a copy of the key record (no key material). */
  apiKeyLookup: (hash: string): ItemKey => ({ pk: `KEYHASH#${hash}`, sk: 'KEYHASH' }),
};
