import type { OpenAPIV2, OpenAPIV3, OpenAPIV3_1 } from 'openapi-types';

/**
 * The OpenAPI objects the converter reads, as the specifications define them (openapi-types:
 * Swagger 2.0, OpenAPI 3.0, OpenAPI 3.1). A parsed document is untrusted input that was never
 * validated against these shapes: the types name what a field should hold, and every read still
 * goes through `own`/`ownString` and checks the value (a document may put a number where a
 * string belongs, or leave out a required field).
 */

/** A Path Item Object (OpenAPI 3.1 section 4.8.9, Swagger 2.0 "Path Item Object"). */
export type PathItemObject =
  | OpenAPIV2.PathItemObject
  | OpenAPIV3.PathItemObject
  | OpenAPIV3_1.PathItemObject;

/** An Operation Object (OpenAPI 3.1 section 4.8.10, Swagger 2.0 "Operation Object"). */
export type OperationObject =
  | OpenAPIV2.OperationObject
  | OpenAPIV3.OperationObject
  | OpenAPIV3_1.OperationObject;

/** An OpenAPI 3.x Parameter Object (OpenAPI 3.1 section 4.8.12). */
export type ParameterObject = OpenAPIV3.ParameterObject | OpenAPIV3_1.ParameterObject;

/** An OpenAPI 3.x Request Body Object (OpenAPI 3.1 section 4.8.13). */
export type RequestBodyObject = OpenAPIV3.RequestBodyObject | OpenAPIV3_1.RequestBodyObject;

/** An OpenAPI 3.x Response Object (OpenAPI 3.1 section 4.8.17). */
export type ResponseObject = OpenAPIV3.ResponseObject | OpenAPIV3_1.ResponseObject;

/** An OpenAPI 3.x Media Type Object (OpenAPI 3.1 section 4.8.14). */
export type MediaTypeObject = OpenAPIV3.MediaTypeObject | OpenAPIV3_1.MediaTypeObject;

/** An Encoding Object (OpenAPI 3.1 section 4.8.15). */
export type EncodingObject = OpenAPIV3.EncodingObject;

/** A Server Object (OpenAPI 3.1 section 4.8.5). */
export type ServerObject = OpenAPIV3.ServerObject | OpenAPIV3_1.ServerObject;

/** An HTTP method a Path Item Object holds an operation under (OpenAPI 3.1 section 4.8.9). */
export type PathItemMethod = `${OpenAPIV3.HttpMethods}`;
