import { type CompiledBody, compileBody, serializeBody } from './body/serialize.js';
import { RequestBuildError } from './errors.js';
import type { HttpRequest } from './http.js';
import { ownCopy } from './json.js';
import type { HttpMethod, ManifestTool, ParameterBinding } from './manifest.js';
import { expandCookie } from './serialize/cookie.js';
import { encodeReserved, encodeStrict, identity } from './serialize/encode.js';
import { expandPath, expandSimple } from './serialize/path.js';
import { expandQuery } from './serialize/query.js';

type Segment = string | ParameterBinding;

/** What buildRequest needs of a tool, computed once per tool (see compileBinding). */
export interface CompiledBinding {
  method: Uppercase<HttpMethod>;
  /** The path template split into literal text and path parameters. */
  segments: Segment[];
  query: ParameterBinding[];
  headers: ParameterBinding[];
  cookies: ParameterBinding[];
  body: CompiledBody | undefined;
}

const ABSOLUTE_URL = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/[^/?#]/;
const HEADER_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;
const cache = new WeakMap<ManifestTool, CompiledBinding>();
const UPPER_METHODS: Record<HttpMethod, Uppercase<HttpMethod>> = {
  get: 'GET',
  put: 'PUT',
  post: 'POST',
  delete: 'DELETE',
  options: 'OPTIONS',
  head: 'HEAD',
  patch: 'PATCH',
  trace: 'TRACE',
};

/**
 * Precomputes a tool's request plan: the path template split once, parameters grouped by location.
 * buildRequest calls it (cached per tool object); call it at load time to move the cost off calls.
 */
export function compileBinding(tool: ManifestTool): CompiledBinding {
  const cached = cache.get(tool);
  if (cached !== undefined) return cached;
  const { binding } = tool;
  const byName = new Map(binding.parameters.filter((p) => p.in === 'path').map((p) => [p.name, p]));
  const segments: Segment[] = [];
  for (const part of binding.path.split(/(\{[^}]+\})/)) {
    if (part === '') continue;
    const param = part.startsWith('{') ? byName.get(part.slice(1, -1)) : undefined;
    segments.push(param ?? part);
  }
  const compiled: CompiledBinding = {
    method: UPPER_METHODS[binding.method],
    segments,
    query: binding.parameters.filter((p) => p.in === 'query'),
    headers: binding.parameters.filter((p) => p.in === 'header'),
    cookies: binding.parameters.filter((p) => p.in === 'cookie'),
    body: binding.body !== undefined ? compileBody(binding.body) : undefined,
  };
  cache.set(tool, compiled);
  return compiled;
}

/**
 * Turns tool call arguments into the upstream HTTP request (OpenAPI 3.1 section 4.8.12.4 styles:
 * path `simple`/`label`/`matrix`; query `form` (default, arrays exploded), `spaceDelimited`,
 * `pipeDelimited`, `deepObject`; header `simple`; cookie `form` into one `cookie` header;
 * parameters with `content` are sent as JSON text). Bodies: JSON, urlencoded (Encoding Objects),
 * multipart (files from base64/data URLs), text, binary (see serializeBody). Absent, null and
 * undefined arguments are omitted. Arguments are not validated against the inputSchema here: the
 * gateway does that once, before.
 *
 * The URL is built structurally, so no argument can choose where the request goes: the origin
 * (scheme, host, port) is the one of `baseUrl` (absolute; a path prefix such as `http://h/v1` and
 * a query are kept), the expanded path template always follows it from a `/` (a document path key
 * such as `{region}/v1` cannot extend the host), a literal `?...` in the template joins the query
 * and a literal `#...` is dropped (never sent). The finished URL is parsed again and its origin
 * compared with the base URL's, as a second line of defence.
 *
 * @throws RequestBuildError `MISSING_PATH_PARAMETER` (with `arg`), `INVALID_BASE_URL` (not an
 *   absolute URL with a host and an origin, or carrying user info), `ORIGIN_MISMATCH` (the
 *   finished URL's origin differs from the base URL's: never expected, refused rather than sent),
 *   `INVALID_HEADER_VALUE` (control characters, which would allow header injection),
 *   `INVALID_ARGUMENT` (a file or binary argument that is neither base64 nor a data URL, an empty
 *   path argument, a path argument making a dot segment).
 */
export function buildRequest(
  tool: ManifestTool,
  given: Record<string, unknown>,
  options: { baseUrl: string },
): HttpRequest {
  // Argument names come from documents (`toString`, `constructor`): only own entries count.
  const args = ownCopy(given);
  const plan = compileBinding(tool);
  const base = parseBaseUrl(options.baseUrl);
  let path = '';
  for (const segment of plan.segments) {
    path += typeof segment === 'string' ? segment : pathValue(segment, args[segment.arg]);
  }
  if (plan.segments.some((s) => typeof s !== 'string')) checkDotSegments(path);
  const pairs: string[] = base.query === '' ? [] : [base.query];
  const { pathname, query } = splitTemplate(path);
  if (query !== '') pairs.push(query);
  for (const param of plan.query) {
    const value = args[param.arg];
    if (value === undefined || value === null) continue;
    const enc = param.allowReserved === true ? encodeReserved : encodeStrict;
    if (param.contentType !== undefined)
      pairs.push(`${encodeStrict(param.name)}=${enc(JSON.stringify(value))}`);
    else
      expandQuery(
        param.style ?? 'form',
        param.name,
        value,
        param.explode ?? (param.style ?? 'form') === 'form',
        enc,
        pairs,
      );
  }
  const url = `${base.origin}${joinPath(base.prefix, pathname)}${pairs.length > 0 ? `?${pairs.join('&')}` : ''}`;
  assertSameOrigin(url, base.origin);
  const headers: Record<string, string> = {};
  for (const param of plan.headers) {
    const value = args[param.arg];
    if (value === undefined || value === null) continue;
    const text =
      param.contentType !== undefined
        ? JSON.stringify(value)
        : expandSimple('simple', param.name, value, param.explode === true, identity);
    headers[param.name.toLowerCase()] = checkHeader(text, param.arg);
  }
  const cookies: string[] = [];
  for (const param of plan.cookies) {
    const value = args[param.arg];
    if (value === undefined || value === null) continue;
    if (param.contentType !== undefined) {
      cookies.push(`${param.name}=${encodeStrict(JSON.stringify(value))}`);
    } else {
      expandCookie(param.name, value, param.explode ?? true, cookies);
    }
  }
  if (cookies.length > 0) headers.cookie = checkHeader(cookies.join('; '), undefined);
  const request: HttpRequest = { method: plan.method, url, headers };
  const body = plan.body;
  if (body !== undefined) {
    const { binding } = body;
    const picked =
      binding.kind === 'value'
        ? args[binding.arg ?? 'body']
        : pickProperties(binding.properties ?? {}, args);
    // A required object body goes out even when no property was given: `{}` is a body, none is not.
    const payload =
      picked === undefined && binding.required && binding.kind === 'properties' ? {} : picked;
    if (payload !== undefined && payload !== null) {
      const serialized = serializeBody(body, payload);
      request.body = serialized.body;
      headers['content-type'] = serialized.contentType;
    }
  }
  return request;
}

/** The parts of a base URL that a request keeps: origin, path prefix (no trailing `/`), query. */
interface BaseUrl {
  origin: string;
  prefix: string;
  query: string;
}

function parseBaseUrl(text: string): BaseUrl {
  const url = ABSOLUTE_URL.test(text) ? URL.parse(text) : null;
  // Non-special schemes have an opaque origin ("null"); user info would let a base URL hide a host.
  if (url === null || url.origin === 'null' || url.username !== '' || url.password !== '') {
    throw new RequestBuildError('INVALID_BASE_URL', `base URL "${text}" is not absolute`);
  }
  const prefix = url.pathname.endsWith('/') ? url.pathname.slice(0, -1) : url.pathname;
  return { origin: url.origin, prefix, query: url.search.slice(1) };
}

/**
 * Splits an expanded path template at its first literal `?` or `#` (arguments are percent-encoded,
 * so only the document's own text has them): the path, and the query written in the template.
 */
function splitTemplate(path: string): { pathname: string; query: string } {
  const cut = path.search(/[?#]/);
  if (cut === -1) return { pathname: path, query: '' };
  const pathname = path.slice(0, cut);
  if (path[cut] === '#') return { pathname, query: '' };
  const hash = path.indexOf('#', cut);
  return { pathname, query: path.slice(cut + 1, hash === -1 ? undefined : hash) };
}

function joinPath(prefix: string, pathname: string): string {
  return prefix + (pathname.startsWith('/') ? pathname : `/${pathname}`);
}

function assertSameOrigin(url: string, origin: string): void {
  const parsed = URL.parse(url);
  if (parsed === null || parsed.origin !== origin) {
    throw new RequestBuildError(
      'ORIGIN_MISMATCH',
      'the request URL would leave the upstream origin; refused',
    );
  }
}

function pathValue(param: ParameterBinding, value: unknown): string {
  if (value === undefined || value === null) {
    throw new RequestBuildError(
      'MISSING_PATH_PARAMETER',
      `path parameter "${param.name}" is required`,
      param.arg,
    );
  }
  const text =
    param.contentType !== undefined
      ? encodeStrict(JSON.stringify(value))
      : expandPath(param.style ?? 'simple', param.name, value, param.explode === true);
  // An empty path parameter is no parameter (OpenAPI: path parameters are required, and `/a//b`
  // names another resource or none); the inputSchema says minLength 1, this is the second line.
  // Label and matrix styles still write a non-empty `.` / `;name` for "", as the spec's table says.
  if (text === '') {
    throw new RequestBuildError(
      'INVALID_ARGUMENT',
      `path parameter "${param.name}" must not be empty`,
      param.arg,
    );
  }
  return text;
}

/**
 * Refuses a path with a `.` or `..` segment made by an argument: URL parsers resolve those as
 * dot-segments (RFC 3986 section 5.2.4), and WHATWG URL (fetch, undici) does so for `%2E` too, so
 * no encoding can carry them and they would let an argument climb out of the operation's path.
 */
function checkDotSegments(path: string): void {
  for (const segment of path.split('/')) {
    if (/^(?:\.|%2e){1,2}$/i.test(segment)) {
      throw new RequestBuildError(
        'INVALID_ARGUMENT',
        'a path parameter makes a "." or ".." path segment, which URLs cannot carry',
      );
    }
  }
}

function pickProperties(
  mapping: Record<string, string>,
  args: Record<string, unknown>,
): object | undefined {
  let out: Record<string, unknown> | undefined;
  for (const arg of Object.keys(mapping)) {
    const value = args[arg];
    if (value === undefined) continue;
    out ??= {};
    Object.defineProperty(out, mapping[arg] as string, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return out;
}

function checkHeader(value: string, arg: string | undefined): string {
  if (!HEADER_VALUE.test(value)) {
    throw new RequestBuildError(
      'INVALID_HEADER_VALUE',
      'header value contains control characters',
      arg,
    );
  }
  return value;
}
