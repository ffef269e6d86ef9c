import { RESERVED_CREDENTIAL_HEADERS } from '@portico/contracts';
import { z } from 'zod';
import { ctxOf } from '../auth.js';
import type { Deps } from '../context.js';
import { withErrors } from '../schemas.js';
import { putUpstream } from '../verbs/upstream/put.js';
import { type App, SECURED } from './app-type.js';
import { SlugParams } from './v1_servers_get.js';
import { Upstream } from './v1_upstream_get.js';

/** RFC 9110 section 5.6.2 token: a valid header field name. */
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,128}$/;
/** Visible ASCII and spaces only: no CR/LF (header injection), no control characters. */
const SECRET_VALUE = z
  .string()
  .min(1)
  .max(8192)
  .regex(/^[\x20-\x7e]+$/, 'printable ASCII only');

/** A DNS name or IPv4 literal as WHATWG URL normalizes them, or a bracketed IPv6 literal. */
function isHost(hostname: string): boolean {
  return z.regexes.hostname.test(hostname) || /^\[[0-9a-f:.]+\]$/.test(hostname);
}

const BaseUrl = z
  .url({ protocol: /^https?$/ })
  .max(2048)
  .refine((u) => {
    // Refinements run even when the URL check above failed: never throw here.
    const url = URL.parse(u);
    return url !== null && isHost(url.hostname);
  }, 'a DNS name, an IPv4 or a bracketed IPv6 address as host')
  .refine((u) => {
    const url = URL.parse(u);
    return url !== null && url.username === '' && url.password === '' && url.hash === '';
  }, 'no credentials or fragment in the URL');

export const UpstreamCredentialInput = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('header'),
    name: z
      .string()
      .regex(HEADER_NAME, 'a header field name')
      .refine(
        (n) => !RESERVED_CREDENTIAL_HEADERS.has(n.toLowerCase()),
        'this header is set by the gateway',
      ),
    value: SECRET_VALUE,
  }),
  z.object({ type: z.literal('query'), name: z.string().min(1).max(128), value: SECRET_VALUE }),
  z.object({ type: z.literal('bearer'), value: SECRET_VALUE }),
]);
export const V1UpstreamPutBody = z
  .object({
    baseUrl: BaseUrl.nullable().optional().describe('http(s) base URL; null clears it'),
    credential: UpstreamCredentialInput.nullable().optional().describe('null clears it'),
  })
  .strict();
export type V1UpstreamPutBody = z.infer<typeof V1UpstreamPutBody>;

/**
 * PUT /api/v1/servers/:slug/upstream: set the upstream base URL and/or credential. Absent fields
 * are kept, null clears. The response shows the credential redacted.
 */
export function registerV1UpstreamPut(app: App, deps: Deps): void {
  app.put(
    '/servers/:slug/upstream',
    {
      config: { permission: 'develop' },
      schema: {
        tags: ['upstream'],
        summary: "Configure a server's upstream API",
        security: SECURED,
        params: SlugParams,
        body: V1UpstreamPutBody,
        response: withErrors({ 200: z.object({ upstream: Upstream }) }),
      },
    },
    async (req) => ({
      upstream: await putUpstream(deps, {
        ctx: ctxOf(req),
        input: { slug: req.params.slug, ...req.body },
      }),
    }),
  );
}
