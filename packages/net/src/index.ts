export {
  AddressBlockedError,
  bareHost,
  EGRESS_RULE,
  isIpLiteral,
  isPublicUnicast,
} from './address.js';
export { connectDecision, createSafeAgent, type SafeAgentOptions } from './agent.js';
export { HostAllowList, type HostGrants, parseHostGrants } from './allow-list.js';
export { guardedLookup } from './lookup.js';
export {
  type SafeFailure,
  type SafeRequestOptions,
  type SafeResult,
  safeRequest,
} from './request.js';
export { createServerScopedAgent, ServerScopedAgent } from './server-agent.js';
