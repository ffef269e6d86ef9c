import { createDynamoClient, createStore, ensureTable, loadOrCreateKek } from '@portico/store';
import { createAesGcmSealer, createFileKeyStore, createTokenService } from '@portico/tokens';
import { buildApp } from './app.js';
import { type AuthConfig, parseAuthConfig } from './config.js';
import { sesEmailSender } from './email/ses.js';

/**
 * Runs the auth service alone: `PORTICO_SES_FROM=... pnpm --filter @portico/auth start` (the
 * variables are in src/config.ts). The code key reuses the KEK file format (32 random bytes,
 * base64, created 0600 when absent); in AWS both come from the secret store as files.
 */
async function main(): Promise<void> {
  let config: AuthConfig;
  try {
    config = parseAuthConfig(process.env);
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n`);
    process.exit(1);
  }
  const client = createDynamoClient({
    region: config.region,
    ...(config.dynamoEndpoint ? { endpoint: config.dynamoEndpoint } : {}),
  });
  await ensureTable(client, config.tableName);
  const kek = await loadOrCreateKek(config.kekPath);
  const codeKey = await loadOrCreateKek(config.codeKeyPath);
  const email = sesEmailSender({
    from: config.sesFrom,
    region: config.sesRegion,
    ...(config.sesEndpoint ? { endpoint: config.sesEndpoint } : {}),
  });
  const tokens = createTokenService({
    keyStore: createFileKeyStore(config.signingKeysPath),
    sealer: createAesGcmSealer(kek),
    issuer: config.issuer,
  });
  await tokens.ensureKey();
  const app = await buildApp({
    tokens,
    issuer: config.issuer,
    publicOrigin: config.publicOrigin,
    store: createStore({ client, tableName: config.tableName, kek }),
    email,
    codeKey,
    logger: { level: config.logLevel },
    signup: config.signup,
    ...(config.trustProxy !== undefined ? { trustProxy: config.trustProxy } : {}),
  });
  const stop = async (): Promise<void> => {
    await app.close();
    email.close();
    client.destroy();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
  await app.listen({ host: config.host, port: config.port });
}

await main();
