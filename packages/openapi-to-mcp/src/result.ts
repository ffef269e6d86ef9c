import type { HttpResponse } from './http.js';

/**
 * Content blocks this library produces (MCP spec 2025-11-25, server/tools "Tool Result": text,
 * image, audio and embedded resource content).
 */
export type ToolContent =
  | { type: 'text'; text: string }
  | { type: 'image'; data: string; mimeType: string }
  | { type: 'audio'; data: string; mimeType: string }
  | { type: 'resource'; resource: { uri: string; mimeType: string; blob: string } };

/**
 * The MCP CallToolResult (MCP 2025-11-25, server/tools "Tool Result") as Portico produces it, from
 * this mapping to the wire: the gateway's output-schema check, dynamic mode's meta-tools and its
 * own error results all use this one shape.
 */
export interface ToolResult {
  content: ToolContent[];
  structuredContent?: Record<string, unknown>;
  isError?: boolean;
}

/**
 * What the caller knows about a response beyond the response itself: the full size of a truncated
 * body in bytes (`totalBytes`, when the upstream declared it) and the request URL (`url`, used as
 * an embedded resource's `uri`; default `urn:portico:response`).
 */
export interface ResultContext {
  totalBytes?: number;
  url?: string;
}

const REASONS: Record<number, string> = {
  200: 'OK',
  201: 'Created',
  202: 'Accepted',
  204: 'No Content',
  301: 'Moved Permanently',
  302: 'Found',
  304: 'Not Modified',
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  408: 'Request Timeout',
  409: 'Conflict',
  410: 'Gone',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  501: 'Not Implemented',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

/**
 * Deepest nesting of arrays and objects an upstream JSON body may have to be mapped (levels; `[]`
 * is 1). A deeper body is refused before it is parsed: JSON.stringify, Ajv and the SDKs' schemas
 * walk values recursively, and 200,000 nested `[` overflow the stack (a RangeError, which was
 * answered JSON-RPC -32603). Real API answers stay far below this.
 */
export const MAX_JSON_DEPTH = 128;

const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\b|^text\/json\b/i;
const TEXT_TYPE =
  /^text\/|^application\/(?:xml|javascript|x-www-form-urlencoded|yaml|x-yaml|x-ndjson|graphql)\b|\+xml\b|\+yaml\b/i;
/** Image types MCP clients display inline; other images go out as resources. */
const INLINE_IMAGE = /^image\/(?:png|jpeg|gif|webp)$/;
const INLINE_AUDIO = /^audio\/(?:wav|x-wav|mpeg|mp3|ogg|webm|mp4|aac|flac)$/;
const decoder = new TextDecoder('utf-8');

/**
 * Maps an upstream HTTP response to a tool result (MCP 2025-11-25, server/tools):
 * - JSON bodies: compact JSON text, plus `structuredContent` when the JSON is an object (MCP
 *   requires an object there) and the body was not truncated (cut JSON is not the answer);
 *   a JSON body nested deeper than {@link MAX_JSON_DEPTH} levels is neither parsed nor returned:
 *   `isError: true` with a text naming the limit (any status);
 * - other text bodies: the text;
 * - binary bodies (images, PDF, octet-stream, ...): a text line naming type and size, then
 *   `image`/`audio` content for types clients display (png, jpeg, gif, webp; common audio), else
 *   an embedded `resource` with the base64 `blob` and `mimeType`. A truncated binary body is not
 *   returned (a partial file is useless), only described;
 * - empty bodies (204, empty 2xx): `HTTP <status> <reason>`;
 * - a status outside 2xx gives `isError: true` and text `HTTP <status> <reason>\n<body>` (API
 *   failures are tool results, not protocol errors).
 * A truncated body gets a notice line `[truncated: showing <n> of <total> bytes]`.
 */
export function toToolResult(response: HttpResponse, context: ResultContext = {}): ToolResult {
  const ok = response.status >= 200 && response.status < 300;
  const statusLine = `HTTP ${response.status}${REASONS[response.status] ? ` ${REASONS[response.status]}` : ''}`;
  const contentType = header(response.headers, 'content-type') ?? '';
  const mimeType = (contentType.split(';')[0] ?? '').trim().toLowerCase();
  const size = response.body.byteLength;
  const { truncated } = response;
  const notice = truncated
    ? `[truncated: showing ${size} of ${context.totalBytes ?? 'more'} bytes]`
    : undefined;
  if (size === 0) {
    const text = notice !== undefined ? `${statusLine}\n${notice}` : statusLine;
    return withStatus({ content: [{ type: 'text', text }] }, ok);
  }
  const isBinary = mimeType !== '' && !JSON_TYPE.test(mimeType) && !TEXT_TYPE.test(mimeType);
  if (isBinary) {
    return withStatus(binaryResult(response, context, mimeType, statusLine, ok), ok);
  }
  const text = decoder.decode(response.body);
  const looksJson = JSON_TYPE.test(contentType) || (contentType === '' && /^\s*[[{]/.test(text));
  let parsed: unknown;
  let isJson = false;
  if (looksJson && !truncated && nestsDeeperThan(text, MAX_JSON_DEPTH)) {
    return tooDeepResult(statusLine, ok);
  }
  if (looksJson && !truncated) {
    try {
      parsed = JSON.parse(text);
      isJson = true;
    } catch {
      // Declared JSON that is not: hand back the text as is.
    }
  }
  let shown = isJson ? JSON.stringify(parsed) : text;
  if (notice !== undefined) shown = `${shown}\n${notice}`;
  if (!ok) return { content: [{ type: 'text', text: `${statusLine}\n${shown}` }], isError: true };
  const result: ToolResult = { content: [{ type: 'text', text: shown }] };
  if (isJson && typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) {
    result.structuredContent = parsed as Record<string, unknown>;
  }
  return result;
}

function binaryResult(
  response: HttpResponse,
  context: ResultContext,
  mimeType: string,
  statusLine: string,
  ok: boolean,
): ToolResult {
  const { body } = response;
  const prefix = ok ? '' : `${statusLine}\n`;
  if (response.truncated) {
    const total = context.totalBytes ?? `more than ${body.byteLength}`;
    const text = `${prefix}Binary response: ${mimeType}, ${total} bytes, over the size limit: not returned.`;
    return { content: [{ type: 'text', text }] };
  }
  const data = Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('base64');
  if (INLINE_IMAGE.test(mimeType)) {
    const text = `${prefix}Image response: ${mimeType}, ${body.byteLength} bytes.`;
    return {
      content: [
        { type: 'text', text },
        { type: 'image', data, mimeType },
      ],
    };
  }
  if (INLINE_AUDIO.test(mimeType)) {
    const text = `${prefix}Audio response: ${mimeType}, ${body.byteLength} bytes.`;
    return {
      content: [
        { type: 'text', text },
        { type: 'audio', data, mimeType },
      ],
    };
  }
  const uri = context.url ?? 'urn:portico:response';
  const text = `${prefix}Binary response: ${mimeType}, ${body.byteLength} bytes, attached as a resource (base64 blob).`;
  return {
    content: [
      { type: 'text', text },
      { type: 'resource', resource: { uri, mimeType, blob: data } },
    ],
  };
}
/**
 * Whether a JSON text nests arrays/objects deeper than `max` levels: one pass over the characters,
 * skipping string contents (escapes included), no recursion and no parse. On text that is not
 * JSON the answer is only approximate, which is harmless: such text is either refused as too deep
 * or handed back as text.
 */
export function nestsDeeperThan(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      // A backslash escapes the next character; a quote ends the string.
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) {
      inString = true;
    } else if (c === 0x5b || c === 0x7b) {
      depth++;
      if (depth > max) return true;
    } else if (c === 0x5d || c === 0x7d) {
      depth--;
    }
  }
  return false;
}

/**
 * The answer to a JSON body nested past {@link MAX_JSON_DEPTH}: an error result naming the limit
 * (never the body, useless to a model at that depth), saying that the upstream did answer so a
 * model does not repeat a write that succeeded.
 */
function tooDeepResult(statusLine: string, ok: boolean): ToolResult {
  const outcome = ok ? 'The upstream call succeeded; do not repeat it. ' : '';
  const text = `${statusLine}\n${outcome}Its JSON body is not returned: it nests arrays/objects deeper than ${MAX_JSON_DEPTH} levels (the limit for tool results).`;
  return { content: [{ type: 'text', text }], isError: true };
}

function withStatus(result: ToolResult, ok: boolean): ToolResult {
  return ok ? result : { ...result, isError: true };
}

function header(headers: HttpResponse['headers'], name: string): string | undefined {
  for (const key of Object.keys(headers)) {
    if (key.toLowerCase() !== name) continue;
    const value = headers[key];
    return Array.isArray(value) ? value[0] : value;
  }
  return undefined;
}
