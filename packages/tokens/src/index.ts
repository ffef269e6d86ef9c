export {
  API_KEY_PREFIX,
  apiKeyHint,
  hashApiKey,
  isWellFormedApiKey,
  type MintedApiKey,
  mintApiKey,
} from './api-key.js';
export { controlApiAudience } from './jwt/audiences.js';
export { TokenError, type TokenErrorReason } from './jwt/errors.js';
export { createFileKeyStore } from './jwt/file-key-store.js';
export {
  type EcPublicJwk,
  isPublished,
  type KeyStore,
  parseStoredSigningKey,
  pickSigningKey,
  type StoredSigningKey,
} from './jwt/key-store.js';
export { generateSigningKey, publishedJwk, signingKeyAad } from './jwt/keys.js';
export {
  DEFAULT_PUBLISH_DELAY_SECONDS,
  ensureSigningKey,
  type KeyPolicy,
  RETIREMENT_MARGIN_SECONDS,
  type RotationResult,
  rotateSigningKeys,
} from './jwt/rotation.js';
export { createAesGcmSealer, type Sealer } from './jwt/sealer.js';
export { createTokenService, type TokenService, type TokenServiceOptions } from './jwt/service.js';
export {
  type Jwks,
  MAX_TOKEN_LIFETIME_SECONDS,
  type PublishedJwk,
  SIGNING_ALG,
  type SignInput,
  TOKEN_TYPES,
  type TokenType,
  type VerifiedToken,
  type VerifyOptions,
} from './jwt/types.js';
export { isValidPkceVerifier, pkceChallengeS256, verifyPkceS256 } from './pkce.js';
export {
  hashRefreshToken,
  isWellFormedRefreshToken,
  type MintedRefreshToken,
  mintRefreshToken,
  REFRESH_TOKEN_PREFIX,
} from './refresh.js';
