import { addBody } from './body/inputs.js';
import type { OperationObject } from './document.js';
import { OperationSkip } from './errors.js';
import { inlineDefs } from './inline.js';
import { own, ownString } from './json.js';
import type { JsonSchema, ManifestTool, ToolAnnotations } from './manifest.js';
import type { NormOperation, NormResponse } from './model.js';
import { addParameters, type InputDraft } from './parameters.js';
import type { SchemaShaper } from './schema.js';

export interface ToolOptions {
  outputSchema: boolean;
  inlineDepth?: number;
  maxOutputSchemaDefs: number;
  maxDescriptionLength: number;
}

/** A tool without its name (names are assigned once all operations are known). */
export type UnnamedTool = Omit<ManifestTool, 'name'>;

/**
 * Builds everything of a tool but its name from a normalized operation. Throws OperationSkip when
 * the operation cannot be mapped (e.g. a required body in an unsupported media type).
 */
export function buildTool(
  op: NormOperation,
  shaper: SchemaShaper,
  options: ToolOptions,
): { tool: UnnamedTool; notes: string[] } {
  const { raw } = op;
  const draft: InputDraft = {
    properties: {},
    required: [],
    refs: new Set(),
    taken: new Set(),
    notes: [...op.notes],
  };
  const parameters = addParameters(draft, op.parameters, shaper);
  const body = op.body !== undefined ? addBody(draft, op.body, shaper) : undefined;
  let inputSchema: JsonSchema = { type: 'object', properties: draft.properties };
  if (draft.required.length > 0) inputSchema.required = draft.required;
  if (draft.refs.size > 0) inputSchema.$defs = shaper.closure(draft.refs, 'input');
  let outputSchema: JsonSchema | undefined;
  try {
    outputSchema = options.outputSchema
      ? buildOutputSchema(op.responses, shaper, options, draft.notes)
      : undefined;
  } catch (error) {
    // A broken response schema costs the tool its outputSchema, not the tool itself.
    if (!(error instanceof OperationSkip)) throw error;
    draft.notes.push(`no outputSchema: ${error.message}`);
  }
  if (options.inlineDepth !== undefined) {
    inputSchema = inline(inputSchema, options.inlineDepth, 'inputSchema', draft.notes);
    if (outputSchema !== undefined) {
      outputSchema = inline(outputSchema, options.inlineDepth, 'outputSchema', draft.notes);
    }
  }
  const title = op.summary?.trim();
  const tool: UnnamedTool = {
    ...(title !== undefined ? { title: cut(oneLine(title), 200) } : {}),
    description: describe(op, options.maxDescriptionLength),
    inputSchema,
    ...(outputSchema !== undefined ? { outputSchema } : {}),
    annotations: annotationsFor(raw.method),
    ...tagsOf(raw.operation),
    binding: {
      method: raw.method,
      path: raw.path,
      ...(raw.operationId !== undefined ? { operationId: raw.operationId } : {}),
      parameters,
      ...(body !== undefined ? { body } : {}),
      ...(op.servers !== undefined ? { servers: op.servers } : {}),
    },
  };
  return { tool, notes: draft.notes };
}

function inline(schema: JsonSchema, depth: number, which: string, notes: string[]): JsonSchema {
  if (schema.$defs === undefined) return schema;
  const result = inlineDefs(schema, depth);
  if (result.cut > 0) {
    notes.push(
      `${which}: ${result.cut} reference(s) deeper than inlineDepth ${depth} replaced by {} (accepts anything)`,
    );
  }
  return result.schema;
}

/** MCP ToolAnnotations from HTTP method semantics (RFC 9110 section 9.2: safe and idempotent methods). */
export function annotationsFor(method: string): ToolAnnotations {
  if (method === 'get' || method === 'head' || method === 'options') {
    return { readOnlyHint: true, openWorldHint: true };
  }
  return {
    readOnlyHint: false,
    destructiveHint: method === 'delete',
    idempotentHint: method === 'put' || method === 'delete',
    openWorldHint: true,
  };
}

function tagsOf(operation: OperationObject): { tags?: string[] } {
  const tags = own(operation, 'tags');
  if (!Array.isArray(tags)) return {};
  const list = [...new Set(tags.filter((t): t is string => typeof t === 'string'))];
  return list.length > 0 ? { tags: list } : {};
}

/** `x-mcp-description` replaces the description; else summary and description, joined. */
function describe(op: NormOperation, max: number): string {
  const override = ownString(op.raw.operation, 'x-mcp-description');
  if (override !== undefined && override.trim() !== '') return cut(override.trim(), max);
  const parts = [op.summary?.trim(), op.description?.trim()].filter(
    (p): p is string => p !== undefined && p !== '',
  );
  if (parts.length === 2 && parts[1]?.startsWith(parts[0] as string)) parts.shift();
  let text = parts.join('\n\n');
  if (text === '') text = `${op.raw.method.toUpperCase()} ${op.raw.path}`;
  if (op.deprecated === true) text = `Deprecated. ${text}`;
  return cut(text, max);
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ');
}

/** Cuts at a word boundary near `max` characters and marks the cut. */
function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  const slice = text.slice(0, max - 1);
  const space = slice.lastIndexOf(' ');
  return `${space > max * 0.8 ? slice.slice(0, space) : slice}…`;
}

const STATUS_PREFERENCE = ['200', '201', '202', '203', '206', '2XX', '2xx'];

/** outputSchema from the preferred 2xx JSON response, when its root is an object (MCP requires it). */
function buildOutputSchema(
  responses: NormResponse[],
  shaper: SchemaShaper,
  options: ToolOptions,
  notes: string[],
): JsonSchema | undefined {
  const response =
    STATUS_PREFERENCE.map((s) => responses.find((r) => r.status === s)).find(
      (r) => r !== undefined,
    ) ?? responses[0];
  const media = response?.content.find((m) =>
    /^application\/(?:[\w.-]+\+)?json\b/i.test(m.mediaType),
  );
  if (media === undefined) return undefined;
  const shaped = shaper.shapeInlined(media.schema, media.pointer, 'output');
  if (typeof shaped.schema === 'boolean') return undefined;
  const defs = shaped.refs.size > 0 ? shaper.closure(shaped.refs, 'output') : {};
  if (!isObjectSchema(shaped.schema, defs, 0)) return undefined;
  // MCP requires `type: "object"` at the root; an allOf of objects is one, say it explicitly.
  const schema: JsonSchema = { ...shaped.schema, type: 'object' };
  if (shaped.refs.size > 0) {
    const count = Object.keys(defs).length;
    if (count > options.maxOutputSchemaDefs) {
      // Graphs like Stripe's expandable objects would put megabytes in every tool.
      notes.push(
        `no outputSchema: the response references ${count} schemas (limit ${options.maxOutputSchemaDefs})`,
      );
      return undefined;
    }
    schema.$defs = defs;
  }
  return schema;
}

/** Whether a shaped schema only accepts objects: `type: object`, or an allOf with an object member. */
function isObjectSchema(schema: unknown, defs: Record<string, JsonSchema>, depth: number): boolean {
  if (typeof schema !== 'object' || schema === null || depth > 8) return false;
  const s = schema as JsonSchema;
  if (typeof s.$ref === 'string') {
    return isObjectSchema(own(defs, s.$ref.slice('#/$defs/'.length)), defs, depth + 1);
  }
  if (s.type !== undefined) return s.type === 'object';
  if (s.anyOf !== undefined || s.oneOf !== undefined) return false;
  return Array.isArray(s.allOf) && s.allOf.some((m) => isObjectSchema(m, defs, depth + 1));
}
