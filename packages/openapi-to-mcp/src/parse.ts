import { parse as parseYaml } from 'yaml';
import { SpecError } from './errors.js';
import { isObject, type JsonObject } from './json.js';

export interface ParseLimits {
  /** Bytes (UTF-16 code units for string input). */
  maxBytes: number;
  /** Maximum nesting depth of objects and arrays. */
  maxDepth: number;
  /** Maximum YAML alias dereferences (yaml's `maxAliasCount`), against "billion laughs" documents. */
  maxAliasCount: number;
}

export interface ParsedDocument {
  root: JsonObject;
  format: 'json' | 'yaml';
}

const GZIP_MAGIC = [0x1f, 0x8b];

/**
 * Decodes and parses an OpenAPI document held in memory, JSON or YAML (detected by the first
 * non-blank character: `{` means JSON). Throws SpecError SPEC_TOO_LARGE, SPEC_PARSE or
 * SPEC_TOO_DEEP; pointer `''` (the document).
 */
export function parseDocument(input: string | Uint8Array, limits: ParseLimits): ParsedDocument {
  if (input.length > limits.maxBytes) {
    throw new SpecError(
      'SPEC_TOO_LARGE',
      '',
      `document is ${input.length} bytes, over the limit of ${limits.maxBytes}`,
    );
  }
  const text = typeof input === 'string' ? stripBom(input) : decode(input);
  const format = /^\s*\{/.test(text.slice(0, 1024)) ? 'json' : 'yaml';
  const root = format === 'json' ? parseJson(text) : parseYamlText(text, limits.maxAliasCount);
  if (!isObject(root)) {
    throw new SpecError('SPEC_PARSE', '', 'document root is not an object');
  }
  return { root, format };
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function decode(bytes: Uint8Array): string {
  if (bytes[0] === GZIP_MAGIC[0] && bytes[1] === GZIP_MAGIC[1]) {
    throw new SpecError('SPEC_PARSE', '', 'document is gzip-compressed: decompress it first');
  }
  // Lenient decoding: a stray invalid byte in a description must not refuse a whole API.
  return new TextDecoder('utf-8').decode(bytes);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    if (error instanceof RangeError) {
      throw new SpecError('SPEC_TOO_DEEP', '', 'document nesting is too deep to parse');
    }
    throw new SpecError('SPEC_PARSE', '', `invalid JSON: ${(error as Error).message}`);
  }
}

function parseYamlText(text: string, maxAliasCount: number): unknown {
  try {
    // The yaml package stores `__proto__` keys as own properties, so parsing cannot pollute.
    return parseYaml(text, { maxAliasCount, merge: true, prettyErrors: true });
  } catch (error) {
    if (error instanceof RangeError) {
      throw new SpecError('SPEC_TOO_DEEP', '', 'document nesting is too deep to parse');
    }
    const message = (error as Error).message.split('\n')[0] ?? 'unknown error';
    if (message.includes('alias count')) {
      throw new SpecError('SPEC_TOO_LARGE', '', `YAML aliases expand too much: ${message}`);
    }
    throw new SpecError('SPEC_PARSE', '', `invalid YAML: ${message}`);
  }
}
