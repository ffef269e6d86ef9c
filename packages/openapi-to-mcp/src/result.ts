/** The parts of an MCP CallToolResult this library produces (MCP spec, server/tools, "Tool Result"). */
export interface ToolResult {
  content: { type: 'text'; text: string }[];
  structuredContent?: Record<string, unknown>;
  isError?: boolean;
}

/** An upstream HTTP response; header names in any case. */
export interface HttpResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Uint8Array | string;
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

const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\b|^text\/json\b/i;
const TEXT_TYPE = /^text\/|^application\/(?:xml|javascript|x-www-form-urlencoded)\b|\+xml\b/i;
const decoder = new TextDecoder('utf-8');

/**
 * Maps an upstream HTTP response to a tool result. JSON bodies become compact JSON text, plus
 * `structuredContent` when the JSON is an object (MCP requires an object there); other text bodies
 * are returned as text; binary bodies are summarized (type and size in bytes). A status outside
 * 2xx gives `isError: true` and text `HTTP <status> <reason>\n<body>` (MCP: API failures are tool
 * results, not protocol errors). An empty body gives `HTTP <status> <reason>`.
 */
export function toToolResult(response: HttpResponse): ToolResult {
  const ok = response.status >= 200 && response.status < 300;
  const statusLine = `HTTP ${response.status}${REASONS[response.status] ? ` ${REASONS[response.status]}` : ''}`;
  const contentType = header(response.headers, 'content-type') ?? '';
  const size = typeof response.body === 'string' ? response.body.length : response.body.byteLength;
  if (size === 0) return withStatus({ content: [{ type: 'text', text: statusLine }] }, ok);
  const isBinary =
    contentType !== '' && !JSON_TYPE.test(contentType) && !TEXT_TYPE.test(contentType);
  if (isBinary && typeof response.body !== 'string') {
    const text = `${statusLine}\n(binary body: ${contentType}, ${size} bytes)`;
    return withStatus({ content: [{ type: 'text', text }] }, ok);
  }
  const text = typeof response.body === 'string' ? response.body : decoder.decode(response.body);
  const looksJson = JSON_TYPE.test(contentType) || (contentType === '' && /^\s*[[{]/.test(text));
  let parsed: unknown;
  let isJson = false;
  if (looksJson) {
    try {
      parsed = JSON.parse(text);
      isJson = true;
    } catch {
      // Declared JSON that is not: hand back the text as is.
    }
  }
  const shown = isJson ? JSON.stringify(parsed) : text;
  if (!ok) return { content: [{ type: 'text', text: `${statusLine}\n${shown}` }], isError: true };
  const result: ToolResult = { content: [{ type: 'text', text: shown }] };
  if (isJson && typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) {
    result.structuredContent = parsed as Record<string, unknown>;
  }
  return result;
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
