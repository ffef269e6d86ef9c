export {
  codeToJsonRpc,
  codeToStatus,
  ERROR_CODES,
  type ErrorBody,
  type ErrorCode,
  errorBody,
  PorticoError,
} from './errors.js';
