import type { OpenAPIV2 } from 'openapi-types';
import type { ServerObject } from './document.js';
import { isObject, own, ownObject, ownString } from './json.js';

/**
 * URLs of an OpenAPI 3 `servers` array with every `{variable}` replaced by its default
 * (OpenAPI 3.1 section 4.8.6). Relative URLs are kept as written: the org's base URL decides.
 */
export function serverUrls(servers: unknown): string[] {
  if (!Array.isArray(servers)) return [];
  const urls: string[] = [];
  for (const server of servers) {
    const url = ownString(server, 'url');
    if (url === undefined) continue;
    const variables = ownObject<NonNullable<ServerObject['variables']>>(server, 'variables');
    urls.push(
      url.replace(/\{([^}]+)\}/g, (match, name: string) => substitute(variables, name, match)),
    );
  }
  return urls;
}

function substitute(variables: ServerObject['variables'], name: string, match: string): string {
  const variable = own(variables, name);
  if (!isObject(variable)) return match;
  const value = own(variable, 'default');
  if (typeof value === 'string') return value;
  const values = own(variable, 'enum');
  return Array.isArray(values) && typeof values[0] === 'string' ? values[0] : match;
}

/** The Swagger 2.0 server: `{scheme}://{host}{basePath}` (Swagger 2.0 "host", "basePath", "schemes"). */
export function swaggerServerUrls(root: OpenAPIV2.Document): string[] {
  const host = ownString(root, 'host');
  const basePath = ownString(root, 'basePath') ?? '';
  const base = basePath === '/' ? '' : basePath;
  if (host === undefined) return base === '' ? [] : [base];
  const schemes = own(root, 'schemes');
  const list = Array.isArray(schemes) ? schemes.filter((s) => typeof s === 'string') : [];
  const scheme = list.includes('https') ? 'https' : (list[0] ?? 'https');
  return [`${scheme}://${host}${base}`];
}

/**
 * The base URL a tool's request goes to: the org's configured `baseUrl`, else the operation's own
 * `servers`, else the document's first server (an Operation Object's `servers` overrides the
 * document's: OpenAPI 3.1.0 section 4.8.10). Answers the chosen URL with its origin (WHATWG URL
 * serialization: lowercase host, default port omitted), or a message fit for the caller when none
 * is an absolute http(s) URL (a relative document server such as `/v1` cannot be called). Pure; the
 * same choice pins upstream credentials to an origin.
 */
export function resolveBaseUrl(
  configured: string | undefined,
  operationServers: readonly string[] | undefined,
  documentServers: readonly string[],
): { ok: true; baseUrl: string; origin: string } | { ok: false; message: string } {
  const candidate = configured ?? operationServers?.[0] ?? documentServers[0];
  if (!candidate) {
    return { ok: false, message: 'No upstream base URL is configured for this server.' };
  }
  const url = URL.parse(candidate);
  if (url === null) {
    return {
      ok: false,
      message: `The upstream base URL "${candidate}" is not an absolute URL; configure the server's base URL.`,
    };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return {
      ok: false,
      message: `The upstream base URL must use http or https, not ${url.protocol}`,
    };
  }
  return { ok: true, baseUrl: candidate, origin: url.origin };
}
