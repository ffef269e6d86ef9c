import type { Dispatcher } from 'undici';
import { UpstreamAddressBlockedError } from './ssrf.js';

/** What {@link callUpstream} sends: built from scratch by the gateway, never from inbound headers. */
export interface UpstreamRequest {
  method: string;
  url: URL;
  headers: Record<string, string>;
  body?: string | Uint8Array;
}

/** The upstream's answer, body capped. */
export interface UpstreamResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Uint8Array;
  /** True when the body was cut at `maxResponseBytes`. */
  truncated: boolean;
}

/** Why an upstream call produced no response. `message` is safe to show to the MCP client. */
export interface UpstreamFailure {
  kind: 'blocked' | 'timeout' | 'network';
  message: string;
}

export interface CallUpstreamOptions {
  dispatcher: Dispatcher;
  /** Overall deadline for connect + headers + body, ms. */
  timeoutMs: number;
  /** Response body cap, bytes; the rest is discarded and `truncated` set. */
  maxResponseBytes: number;
}

/**
 * Performs one upstream HTTP call. Redirects are NOT followed (a 3xx comes back as the response:
 * following one would let an upstream bounce us to an internal address the policy never saw as a
 * request target). Never throws for network conditions: resolves `{ ok: false, failure }` with a
 * message free of stack traces, internal addresses of our own, or credentials (the URL is not
 * echoed, since a query credential may be in it).
 */
export async function callUpstream(
  req: UpstreamRequest,
  options: CallUpstreamOptions,
): Promise<{ ok: true; response: UpstreamResponse } | { ok: false; failure: UpstreamFailure }> {
  const signal = AbortSignal.timeout(options.timeoutMs);
  try {
    const res = await options.dispatcher.request({
      origin: req.url.origin,
      path: `${req.url.pathname}${req.url.search}`,
      method: req.method.toUpperCase() as Dispatcher.HttpMethod,
      headers: req.headers,
      body: req.body,
      signal,
      headersTimeout: options.timeoutMs,
      bodyTimeout: options.timeoutMs,
    });
    const { body, truncated } = await readCapped(res.body, options.maxResponseBytes);
    return {
      ok: true,
      response: { status: res.statusCode, headers: res.headers, body, truncated },
    };
  } catch (error) {
    return { ok: false, failure: describeFailure(error, req.url, options.timeoutMs) };
  }
}

async function readCapped(
  stream: AsyncIterable<Uint8Array> & { destroy(): unknown },
  max: number,
): Promise<{ body: Uint8Array; truncated: boolean }> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of stream) {
    if (size + chunk.byteLength > max) {
      chunks.push(chunk.subarray(0, max - size));
      size = max;
      // Stop reading: destroying drops the rest instead of buffering an unbounded body.
      stream.destroy();
      return { body: Buffer.concat(chunks, size), truncated: true };
    }
    chunks.push(chunk);
    size += chunk.byteLength;
  }
  return { body: Buffer.concat(chunks, size), truncated: false };
}

function describeFailure(error: unknown, url: URL, timeoutMs: number): UpstreamFailure {
  const cause = findBlocked(error);
  if (cause) return { kind: 'blocked', message: `Upstream call refused: ${cause.message}` };
  const name = (error as { name?: string } | undefined)?.name;
  const code = (error as { code?: string } | undefined)?.code;
  if (
    name === 'TimeoutError' ||
    name === 'AbortError' ||
    code === 'UND_ERR_HEADERS_TIMEOUT' ||
    code === 'UND_ERR_BODY_TIMEOUT' ||
    code === 'UND_ERR_CONNECT_TIMEOUT'
  ) {
    return {
      kind: 'timeout',
      message: `Upstream ${url.host} did not answer within ${timeoutMs} ms`,
    };
  }
  const detail = typeof code === 'string' ? ` (${code})` : '';
  return { kind: 'network', message: `Upstream ${url.host} could not be reached${detail}` };
}

function findBlocked(error: unknown): UpstreamAddressBlockedError | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current; depth++) {
    if (current instanceof UpstreamAddressBlockedError) return current;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}
