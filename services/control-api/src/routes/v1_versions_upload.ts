import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import { PorticoError } from '@portico/contracts';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../auth.js';
import type { Deps } from '../context.js';
import { Report, toVersion, Version, withErrors } from '../schemas.js';
import { uploadVersion } from '../verbs/versions/upload.js';
import { type App, SECURED } from './app-type.js';
import { SlugParams } from './v1_servers_get.js';

const gunzipAsync = promisify(gunzip);

/** Media types accepted for an uploaded OpenAPI document; the converter sniffs JSON vs YAML. */
export const SPEC_MEDIA_TYPES = [
  'application/json',
  'application/yaml',
  'application/x-yaml',
  'text/yaml',
  'text/x-yaml',
  'text/plain',
  'application/octet-stream',
  'application/vnd.oai.openapi',
  'application/vnd.oai.openapi+json',
];

export const V1VersionsUploadQuery = z.object({
  activate: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true')
    .describe('Serve the new version now (default). The first version is always activated.'),
});
export const V1VersionsUploadResponse = z.object({
  version: Version,
  report: Report,
  active: z.boolean(),
  pruned: z
    .array(z.string())
    .describe('Versions deleted to stay within the versions kept per server, oldest first'),
});
export type V1VersionsUploadResponse = z.infer<typeof V1VersionsUploadResponse>;

/**
 * The body as bytes: gzip-decoded when `Content-Encoding: gzip`, at most `maxBytes` after decoding.
 * Errors: BAD_REQUEST (empty or broken gzip), PAYLOAD_TOO_LARGE, UNSUPPORTED_MEDIA_TYPE (encoding).
 */
async function decodeBody(
  body: unknown,
  encoding: string | undefined,
  maxBytes: number,
): Promise<Uint8Array> {
  if (!Buffer.isBuffer(body) || body.byteLength === 0) {
    throw new PorticoError('BAD_REQUEST', 'the request body must be the OpenAPI document');
  }
  const enc = (encoding ?? 'identity').trim().toLowerCase();
  if (enc === 'identity') return body;
  if (enc !== 'gzip' && enc !== 'x-gzip') {
    throw new PorticoError(
      'UNSUPPORTED_MEDIA_TYPE',
      `Content-Encoding "${enc}" is not supported (gzip is)`,
    );
  }
  try {
    return await gunzipAsync(body, { maxOutputLength: maxBytes });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
      throw new PorticoError('PAYLOAD_TOO_LARGE', `the decoded document exceeds ${maxBytes} bytes`);
    }
    throw new PorticoError('BAD_REQUEST', 'the body is not valid gzip');
  }
}

/**
 * POST /api/v1/servers/:slug/versions: upload an OpenAPI document (raw body, JSON or YAML,
 * optionally gzip-encoded), convert it to tools and store it as a new version.
 * 201 {version, report, active, pruned}; 422 SPEC_INVALID with {pointer, reason} when it cannot be
 * converted, 413 STORAGE_LIMIT with {limitBytes, storedBytes, versionBytes} when the org's stored
 * versions would pass its byte cap (both: nothing stored, the active version keeps serving).
 */
export function registerV1VersionsUpload(app: App, deps: Deps): void {
  app.register(async (scope) => {
    // Raw bytes for every accepted media type, in this route's context only.
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser(
      SPEC_MEDIA_TYPES,
      { parseAs: 'buffer', bodyLimit: deps.maxSpecBytes },
      (_req, body, done) => done(null, body),
    );
    scope.withTypeProvider<ZodTypeProvider>().post(
      '/servers/:slug/versions',
      {
        bodyLimit: deps.maxSpecBytes,
        config: { permission: 'develop' },
        schema: {
          tags: ['spec versions'],
          summary: 'Upload an OpenAPI document as a new spec version',
          description: `Raw body: the document (${SPEC_MEDIA_TYPES.join(', ')}); Content-Encoding: gzip accepted.`,
          security: SECURED,
          params: SlugParams,
          querystring: V1VersionsUploadQuery,
          response: withErrors({ 201: V1VersionsUploadResponse }),
        },
      },
      async (req, reply) => {
        const encoding = req.headers['content-encoding'];
        const document = await decodeBody(req.body, encoding, deps.maxSpecBytes);
        const { version, report, active, pruned } = await uploadVersion(deps, {
          ctx: ctxOf(req),
          input: { slug: req.params.slug, document, activate: req.query.activate },
        });
        return reply.code(201).send({
          version: toVersion(version, active ? version.versionId : undefined),
          report,
          active,
          pruned,
        });
      },
    );
  });
}
