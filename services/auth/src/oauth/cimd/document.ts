import { z } from 'zod';

/** A client as its metadata document describes it, validated. */
export interface CimdClient {
  /** The document's URL, which is the client_id. */
  clientId: string;
  /** The host of the client_id URL: the one thing about the client we know to be true. */
  host: string;
  /** Self-asserted by the document; absent when it names none. */
  clientName?: string;
  redirectUris: string[];
  grantTypes: string[];
}

const GRANT_TYPES = ['authorization_code', 'refresh_token'] as const;
/** Schemes a redirect URI may never have: they run or read locally instead of returning. */
const FORBIDDEN_SCHEMES = new Set([
  'javascript:',
  'data:',
  'file:',
  'vbscript:',
  'blob:',
  'about:',
]);
const LOOPBACK = new Set(['127.0.0.1', '[::1]', 'localhost']);

/**
 * An absolute redirect URI (OAuth 2.1 section 2.3.1): https, http on a loopback interface
 * (RFC 8252 section 7.3), or a private-use scheme of a native app (RFC 8252 section 7.1); no
 * fragment, no user info.
 */
function isAcceptableRedirectUri(uri: string): boolean {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return false;
  }
  if (uri.includes('#') || url.username !== '' || url.password !== '') return false;
  if (FORBIDDEN_SCHEMES.has(url.protocol)) return false;
  if (url.protocol === 'http:') return LOOPBACK.has(url.hostname);
  return true;
}

const Document = z.looseObject({
  client_id: z.string(),
  redirect_uris: z
    .array(z.string().max(2000).refine(isAcceptableRedirectUri, 'not an acceptable redirect URI'))
    .min(1)
    .max(20),
  client_name: z.string().trim().min(1).max(120).optional(),
  client_uri: z.string().max(2000).optional(),
  logo_uri: z.string().max(2000).optional(),
  token_endpoint_auth_method: z.literal('none').optional(),
  grant_types: z.array(z.enum(GRANT_TYPES)).min(1).optional(),
  response_types: z.array(z.literal('code')).min(1).optional(),
});

/**
 * Validates a fetched Client ID Metadata Document (draft-ietf-oauth-client-id-metadata-document
 * section 4, "Client ID Metadata Document"; RFC 7591 section 2 field meanings): a JSON object
 * whose `client_id` equals the URL it was fetched from exactly (simple string comparison,
 * RFC 3986 section 6.2.1), with a non-empty list of absolute `redirect_uris`. Public clients
 * only (OAuth 2.1 section 2.1): a `client_secret`, `client_secret_expires_at` or any
 * `token_endpoint_auth_method` but `none` is refused, since no shared secret can exist with a
 * document anyone can read. `grant_types` must be within authorization_code and refresh_token
 * (default authorization_code, RFC 7591 section 2). `client_uri` and `logo_uri` are accepted
 * and never used: nothing third-party is fetched or rendered.
 */
export function parseClientDocument(
  clientId: string,
  host: string,
  body: unknown,
): { ok: true; client: CimdClient } | { ok: false; reason: string } {
  const fail = (reason: string) => ({ ok: false as const, reason });
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return fail('the metadata document is not a JSON object');
  }
  const raw = body as Record<string, unknown>;
  if (raw.client_id !== clientId) {
    return fail('the metadata document names another client_id than its own URL');
  }
  if ('client_secret' in raw || 'client_secret_expires_at' in raw) {
    return fail('the metadata document contains a client secret; only public clients are accepted');
  }
  if (raw.token_endpoint_auth_method !== undefined && raw.token_endpoint_auth_method !== 'none') {
    return fail('the metadata document asks for client authentication; only "none" is accepted');
  }
  const parsed = Document.safeParse(raw);
  if (!parsed.success) {
    const path = parsed.error.issues[0]?.path.join('.') ?? '';
    return fail(`the metadata document has an invalid or unsupported ${path || 'field'}`);
  }
  const doc = parsed.data;
  return {
    ok: true,
    client: {
      clientId,
      host,
      ...(doc.client_name ? { clientName: doc.client_name } : {}),
      redirectUris: doc.redirect_uris,
      grantTypes: doc.grant_types ?? ['authorization_code'],
    },
  };
}
