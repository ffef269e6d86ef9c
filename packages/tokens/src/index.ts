export {
  API_KEY_PREFIX,
  apiKeyHint,
  hashApiKey,
  isWellFormedApiKey,
  type MintedApiKey,
  mintApiKey,
} from './api-key.js';
