/**
 * Typed failures of the converter and the request builder. Expected failures carry a stable code so
 * callers (control API, CLI, gateway) map them without parsing messages.
 */

export type SpecErrorCode =
  | 'SPEC_PARSE'
  | 'SPEC_UNSUPPORTED_VERSION'
  | 'SPEC_EXTERNAL_REF'
  | 'SPEC_INVALID'
  | 'SPEC_TOO_LARGE'
  | 'SPEC_TOO_DEEP';

/**
 * The document cannot be converted as a whole. `pointer` is the JSON pointer (RFC 6901) of the
 * offending place in the source document (`''` for the document itself).
 */
export class SpecError extends Error {
  readonly code: SpecErrorCode;
  readonly pointer: string;

  constructor(code: SpecErrorCode, pointer: string, message: string) {
    super(message);
    this.name = 'SpecError';
    this.code = code;
    this.pointer = pointer;
  }
}

export type RequestErrorCode =
  | 'MISSING_PATH_PARAMETER'
  | 'INVALID_BASE_URL'
  | 'ORIGIN_MISMATCH'
  | 'INVALID_HEADER_VALUE'
  | 'INVALID_ARGUMENT';

/** Tool arguments cannot be turned into an HTTP request (the gateway maps it to a bad-arguments error). */
export class RequestBuildError extends Error {
  readonly code: RequestErrorCode;
  /** The tool argument concerned, when there is one. */
  readonly arg: string | undefined;

  constructor(code: RequestErrorCode, message: string, arg?: string) {
    super(message);
    this.name = 'RequestBuildError';
    this.code = code;
    this.arg = arg;
  }
}

/**
 * One operation cannot be converted (e.g. a dangling `$ref`): the operation is skipped with this
 * reason instead of failing the whole document. Internal; never escapes convertOpenApi.
 */
export class OperationSkip extends Error {
  readonly pointer: string;

  constructor(pointer: string, message: string) {
    super(message);
    this.name = 'OperationSkip';
    this.pointer = pointer;
  }
}
