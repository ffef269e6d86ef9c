export {
  codeToJsonRpc,
  codeToStatus,
  ERROR_CODES,
  type ErrorBody,
  type ErrorCode,
  errorBody,
  PorticoError,
} from './errors.js';
export { GATEWAY_OWNED_HEADERS, RESERVED_CREDENTIAL_HEADERS } from './headers.js';
