import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import {
  type JsonSchema,
  type ManifestTool,
  type ToolManifest,
  type ToolResult,
  toToolResult,
} from '../src/index.js';

export function fixture(name: string): Buffer {
  return readFileSync(fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url)));
}

export function tool(manifest: ToolManifest, name: string): ManifestTool {
  const found = manifest.tools.find((t) => t.name === name);
  if (found === undefined)
    throw new Error(`no tool ${name} in ${manifest.tools.map((t) => t.name).join(', ')}`);
  return found;
}

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => void;

/** A strict (default options) ajv for JSON Schema 2020-12, like MCP clients use. */
export function strictAjv(): Ajv2020 {
  const ajv = new Ajv2020({ allErrors: false });
  addFormats(ajv);
  return ajv;
}

/** Throws when `schema` does not compile as JSON Schema 2020-12. */
export function compile(ajv: Ajv2020, schema: JsonSchema): (data: unknown) => boolean {
  return ajv.compile(schema);
}

export function openapi(doc: Record<string, unknown>): string {
  return JSON.stringify({ openapi: '3.0.3', info: { title: 't', version: '1' }, ...doc });
}

/**
 * toToolResult over a response written the short way: a string body is UTF-8 encoded,
 * `truncated` defaults to false, `totalBytes` and `url` go to the result context.
 */
export function mapResponse(input: {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string | Uint8Array;
  truncated?: boolean;
  totalBytes?: number;
  url?: string;
}): ToolResult {
  const { body, truncated = false, totalBytes, url, ...rest } = input;
  const bytes = typeof body === 'string' ? new TextEncoder().encode(body) : body;
  return toToolResult(
    { ...rest, body: bytes, truncated },
    { ...(totalBytes !== undefined ? { totalBytes } : {}), ...(url !== undefined ? { url } : {}) },
  );
}
