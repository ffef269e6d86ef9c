import type { HttpRequest, HttpResponse } from '@portico/openapi-to-mcp';
import type { Dispatcher } from 'undici';
import { AddressBlockedError } from './address.js';

export interface SafeRequestOptions {
  dispatcher: Dispatcher;
  /** Overall deadline for connect + headers + body, ms. */
  timeoutMs: number;
  /** Body cap, bytes: reading stops there and `truncated` is set. */
  maxBytes: number;
}

/** Why no answer came: the address policy, the deadline, or the network. `message` is safe to show. */
export interface SafeFailure {
  kind: 'blocked' | 'timeout' | 'network';
  message: string;
}

/** The answer (body capped; a redirect is an answer too, never followed), or why none came. */
export type SafeResult = { ok: true; response: HttpResponse } | { ok: false; failure: SafeFailure };

/**
 * Performs one HTTP request, the generator's {@link HttpRequest} as is (method upper case, an
 * absolute URL), under a deadline (`timeoutMs`, ms) and a body cap (`maxBytes`, bytes; the
 * response's `truncated` says it was cut). Follows no redirects (a 3xx comes back as the
 * response: following one would reach a target the caller never checked). Never throws for
 * network conditions or a malformed URL: resolves `{ ok: false, failure }` whose message names the
 * host only (never the URL, which may carry credentials) and no stack.
 */
export async function safeRequest(
  req: HttpRequest,
  options: SafeRequestOptions,
): Promise<SafeResult> {
  const url = URL.parse(req.url);
  if (url === null) {
    return {
      ok: false,
      failure: { kind: 'network', message: 'request URL is not an absolute URL' },
    };
  }
  const signal = AbortSignal.timeout(options.timeoutMs);
  try {
    const res = await options.dispatcher.request({
      origin: url.origin,
      path: `${url.pathname}${url.search}`,
      method: req.method,
      headers: req.headers,
      ...(req.body !== undefined ? { body: req.body } : {}),
      signal,
      headersTimeout: options.timeoutMs,
      bodyTimeout: options.timeoutMs,
    });
    const { body, truncated } = await readCapped(res.body, options.maxBytes);
    return {
      ok: true,
      response: { status: res.statusCode, headers: res.headers, body, truncated },
    };
  } catch (error) {
    return { ok: false, failure: describeFailure(error, url, options.timeoutMs) };
  }
}

/** Reads at most `max` bytes, then destroys the stream instead of buffering the rest. */
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
      stream.destroy();
      return { body: Buffer.concat(chunks, size), truncated: true };
    }
    chunks.push(chunk);
    size += chunk.byteLength;
  }
  return { body: Buffer.concat(chunks, size), truncated: false };
}

/** The address-policy refusal in an error's cause chain, if that is why it failed. */
function findBlocked(error: unknown): AddressBlockedError | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current; depth++) {
    if (current instanceof AddressBlockedError) return current;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

function describeFailure(error: unknown, url: URL, timeoutMs: number): SafeFailure {
  const blocked = findBlocked(error);
  if (blocked) return { kind: 'blocked', message: blocked.message };
  const name = (error as { name?: string } | undefined)?.name;
  const code = (error as { code?: string } | undefined)?.code;
  if (
    name === 'TimeoutError' ||
    name === 'AbortError' ||
    code === 'UND_ERR_HEADERS_TIMEOUT' ||
    code === 'UND_ERR_BODY_TIMEOUT' ||
    code === 'UND_ERR_CONNECT_TIMEOUT'
  ) {
    return { kind: 'timeout', message: `${url.host} did not answer within ${timeoutMs} ms` };
  }
  const detail = typeof code === 'string' ? ` (${code})` : '';
  return { kind: 'network', message: `${url.host} could not be reached${detail}` };
}
