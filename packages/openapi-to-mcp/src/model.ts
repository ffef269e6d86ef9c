import type { OperationObject, PathItemMethod, PathItemObject } from './document.js';
import type { HttpMethod, ParameterLocation, PropertyEncoding } from './manifest.js';

/**
 * The operation model both front ends (OpenAPI 3.x and Swagger 2.0) produce, so that everything
 * after it (naming, schema shaping, bindings) has one input shape. Schemas stay raw: their `$ref`s
 * still point into the source document.
 */

/**
 * The operation fields of a Path Item Object, in the order their tools are made (which makes
 * names deterministic). Swagger 2.0 has no `trace`; one found there is read as well.
 */
export const HTTP_METHODS = [
  'get',
  'put',
  'post',
  'delete',
  'options',
  'head',
  'patch',
  'trace',
] as const satisfies readonly (HttpMethod & PathItemMethod)[];

export interface MediaSchema {
  mediaType: string;
  schema: unknown;
  /** Pointer of the schema in the source document (for messages). */
  pointer: string;
  /** The media type's Encoding Objects by property (form and multipart bodies). */
  encoding?: Record<string, PropertyEncoding>;
}

export interface NormParameter {
  name: string;
  in: ParameterLocation;
  required: boolean;
  description?: string;
  deprecated?: boolean;
  schema: unknown;
  pointer: string;
  style?: string;
  explode?: boolean;
  allowReserved?: boolean;
  /** `allowEmptyValue: true` (query, Swagger 2.0 formData): an empty value is a value. */
  allowEmptyValue?: boolean;
  contentType?: string;
}

export interface NormBody {
  required: boolean;
  description?: string;
  content: MediaSchema[];
  pointer: string;
}

export interface NormResponse {
  status: string;
  content: MediaSchema[];
}

/** An operation found under `paths`, before normalization (which may skip it). */
export interface RawOperation {
  pointer: string;
  method: HttpMethod;
  path: string;
  operationId?: string;
  operation: OperationObject;
  pathItem: PathItemObject;
  pathItemPointer: string;
}

export interface NormOperation {
  raw: RawOperation;
  summary?: string;
  description?: string;
  deprecated?: boolean;
  parameters: NormParameter[];
  body?: NormBody;
  responses: NormResponse[];
  servers?: string[];
  /** What normalization changed or ignored, for the report. */
  notes: string[];
}
