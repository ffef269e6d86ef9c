import type { Dispatcher } from 'undici';
import { AddressBlockedError } from './address.js';

/** One outbound request, sent through a {@link createSafeAgent} dispatcher. */
export interface SafeRequest {
  /** Upper case; GET when omitted. */
  method?: Dispatcher.HttpMethod;
  url: URL;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
}

export interface SafeRequestOptions {
  dispatcher: Dispatcher;
  /** Overall deadline for connect + headers + body, ms. */
  timeoutMs: number;
  /** Body cap, bytes: reading stops there and `truncated` is set. */
  maxBytes: number;
}

/** The answer, body capped. Redirects are answers too (never followed). */
export interface SafeResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Uint8Array;
  /** True when the body was longer than `maxBytes` (the rest was discarded unread). */
  truncated: boolean;
}

/** Why no answer came: the address policy, the deadline, or the network. `message` is safe to show. */
export interface SafeFailure {
  kind: 'blocked' | 'timeout' | 'network';
  message: string;
}

export type SafeResult = { ok: true; response: SafeResponse } | { ok: false; failure: SafeFailure };

/**
 * Performs one HTTP request under a deadline and a body cap. Follows no redirects (a 3xx comes
 * back as the response: following one would reach a target the caller never checked). Never
 * throws for network conditions: resolves `{ ok: false, failure }` whose message names the host
 * only (never the URL, which may carry credentials) and no stack.
 */
export async function safeRequest(
  req: SafeRequest,
  options: SafeRequestOptions,
): Promise<SafeResult> {
  const signal = AbortSignal.timeout(options.timeoutMs);
  try {
    const res = await options.dispatcher.request({
      origin: req.url.origin,
      path: `${req.url.pathname}${req.url.search}`,
      method: req.method ?? 'GET',
      ...(req.headers ? { headers: req.headers } : {}),
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
    return { ok: false, failure: describeFailure(error, req.url, options.timeoutMs) };
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
