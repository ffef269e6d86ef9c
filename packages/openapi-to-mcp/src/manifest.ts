/**
 * The tool manifest: what the generator produces from an OpenAPI document and what the gateway
 * serves. It is plain JSON (serializable, stored per spec version) and carries, for every tool, both
 * what an MCP client sees (name, description, inputSchema, annotations) and the HTTP binding needed
 * to call the upstream operation.
 */

/** Bumped when the manifest shape changes incompatibly; the gateway refuses unknown versions. */
export const MANIFEST_VERSION = 1;

export type HttpMethod = 'get' | 'put' | 'post' | 'delete' | 'options' | 'head' | 'patch' | 'trace';

export type ParameterLocation = 'path' | 'query' | 'header' | 'cookie';

/** A JSON Schema (2020-12) object, kept as plain JSON. */
export type JsonSchema = { [key: string]: unknown };

/** MCP tool annotations (MCP spec, server/tools, ToolAnnotations). */
export interface ToolAnnotations {
  title?: string;
  readOnlyHint?: boolean;
  destructiveHint?: boolean;
  idempotentHint?: boolean;
  openWorldHint?: boolean;
}

/**
 * Where one tool argument goes in the HTTP request.
 * `arg` is the property name in the tool's inputSchema; `name` the OpenAPI parameter name.
 */
export interface ParameterBinding {
  arg: string;
  name: string;
  in: ParameterLocation;
  required: boolean;
  /** OpenAPI 3 `style`; defaults per location apply when absent (OpenAPI 3.1 section 4.8.12.4). */
  style?: string;
  explode?: boolean;
  allowReserved?: boolean;
  /** Set when the parameter uses `content` instead of `schema`: the value is serialized as this media type. */
  contentType?: string;
}

/**
 * How one property of a form or multipart body is serialized (OpenAPI 3.1 section 4.8.15, the
 * Encoding Object). Absent fields take the spec's defaults: urlencoded `style: form`,
 * `explode: true`; multipart `contentType` by value kind (object: application/json, file:
 * the file's own type or application/octet-stream, else text/plain).
 */
export interface PropertyEncoding {
  style?: string;
  explode?: boolean;
  allowReserved?: boolean;
  contentType?: string;
}

/**
 * The request body of a tool's operation.
 * - `kind: 'properties'`: the body is an object whose properties are flattened into the
 *   inputSchema; `properties` maps tool argument name -> body property name.
 * - `kind: 'value'`: the whole body is the value of the single argument `arg` (non-object bodies,
 *   or object bodies whose properties could not be flattened).
 *
 * `mediaType` decides the serialization: JSON (`application/json`, `*+json`), form
 * (`application/x-www-form-urlencoded`, with `encoding`), multipart (`multipart/form-data`, with
 * `encoding` and `files`), text (`text/*`, XML) or binary (anything else, e.g.
 * `application/octet-stream`, `image/png`: the argument is base64 or a data URL).
 */
export interface BodyBinding {
  mediaType: string;
  required: boolean;
  kind: 'properties' | 'value';
  properties?: Record<string, string>;
  arg?: string;
  /**
   * Binary bodies only: the schema is `format: byte` (or `contentEncoding: base64`), so the body is
   * base64 text and the argument is sent as is instead of being decoded to bytes.
   */
  base64Text?: boolean;
  /** Body property name -> its Encoding Object (form and multipart bodies only). */
  encoding?: Record<string, PropertyEncoding>;
  /**
   * Body property names whose arguments are files (multipart): a data URL or base64 string, or
   * `{ data, filename?, contentType? }` (see FILE_ARGUMENT_SCHEMA); arrays of those for file arrays.
   */
  files?: string[];
}

/** How to call the upstream operation behind a tool. */
export interface ToolBinding {
  method: HttpMethod;
  /** The OpenAPI path template, e.g. `/pets/{petId}`. */
  path: string;
  operationId?: string;
  parameters: ParameterBinding[];
  body?: BodyBinding;
  /**
   * Operation-level, else path-level `servers` URLs (OpenAPI 3.1 section 4.8.10/4.8.9), server
   * variables substituted with their defaults. Precedence when calling: the organization's
   * upstream base URL, then these, then the manifest's document-level `servers`.
   */
  servers?: string[];
}

export interface ManifestTool {
  /** Matches `^[A-Za-z0-9_.-]{1,64}$`, unique in the manifest. */
  name: string;
  title?: string;
  description: string;
  /** JSON Schema 2020-12 with `type: 'object'` at the root. */
  inputSchema: JsonSchema;
  outputSchema?: JsonSchema;
  annotations: ToolAnnotations;
  /** The operation's `tags`, in document order (for include/exclude by tag); absent when none. */
  tags?: string[];
  binding: ToolBinding;
}

export interface ToolManifest {
  manifestVersion: typeof MANIFEST_VERSION;
  info: {
    title: string;
    version: string;
    description?: string;
    /** The source document's `openapi` or `swagger` version string. */
    specVersion: string;
  };
  /** Document-level server URLs (server variables substituted with their defaults). */
  servers: string[];
  tools: ManifestTool[];
}

export type OperationStatus = 'converted' | 'renamed' | 'skipped';

/** One operation of the source document and what became of it. */
export interface ReportOperation {
  /** JSON pointer of the operation object, e.g. `/paths/~1pets~1{petId}/get`. */
  pointer: string;
  method: HttpMethod;
  path: string;
  operationId?: string;
  status: OperationStatus;
  /** The tool's name when converted or renamed. */
  tool?: string;
  /** Why it was renamed or skipped. */
  reason?: string;
  /** Things the converter changed or could not map (parameter/body collisions, dropped media types). */
  notes?: string[];
}

export interface ConversionReport {
  specVersion: string;
  format: 'json' | 'yaml';
  counts: { operations: number; converted: number; renamed: number; skipped: number };
  operations: ReportOperation[];
  /** Document-level findings, each with the JSON pointer it concerns. */
  warnings: { pointer: string; message: string }[];
  /** Tools in the manifest (converted + renamed operations). */
  toolCount: number;
  /** Estimated size of the tools/list result in tokens (see estimateToolListTokens). */
  toolListTokens: number;
  /** Whether serving the server in dynamic mode (meta-tools instead of the full list) is advised. */
  recommendation: { dynamicMode: boolean; reason: string };
}
