import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { JsonSchema, ManifestTool, ToolManifest } from '../src/index.js';

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
