export {
  ConfigError,
  DATA_FILES,
  DEFAULT_DATA_DIR,
  envList,
  envLogLevel,
  parseEnv,
} from './env.js';
export {
  classifyError,
  type ErrorHandlingOptions,
  type ErrorWire,
  installErrorHandling,
  type JsonRpcErrorBody,
  jsonRpcErrorBody,
  logInternalError,
  requestIdOf,
  sendError,
} from './error-handling.js';
export {
  codeToJsonRpc,
  codeToStatus,
  ERROR_CODES,
  type ErrorBody,
  type ErrorCode,
  errorBody,
  PorticoError,
} from './errors.js';
export { frameworkErrorCode } from './framework-errors.js';
export { GATEWAY_OWNED_HEADERS, RESERVED_CREDENTIAL_HEADERS } from './headers.js';
export {
  LOG_CENSOR,
  LOG_REDACT_PATHS,
  type LoggableRequest,
  loggedUrl,
} from './log-redaction.js';
export { loggerOptionsWith } from './logger-options.js';
