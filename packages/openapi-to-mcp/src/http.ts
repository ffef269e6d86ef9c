import type { HttpMethod } from './manifest.js';

/**
 * The one upstream HTTP request of a tool call, from the generator to the wire: `buildRequest`
 * makes it from tool arguments, the gateway adds the configured credential to a copy of the same
 * shape, and `@portico/net`'s `safeRequest` sends it as is.
 */
export interface HttpRequest {
  /** Upper case, e.g. `GET`. */
  method: Uppercase<HttpMethod>;
  /** Absolute URL (`https://api.example.com/v1/pets?limit=2`). */
  url: string;
  /** Header names lower case. */
  headers: Record<string, string>;
  body?: string | Uint8Array;
}

/**
 * The one upstream HTTP response, as `@portico/net`'s `safeRequest` returns it and `toToolResult`
 * maps it: header names in any case, the body capped at the caller's byte limit.
 */
export interface HttpResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Uint8Array;
  /** True when the body was longer than the cap (the rest was discarded unread). */
  truncated: boolean;
}
