import { ConfigError } from '@portico/contracts';
import { describe, expect, it } from 'vitest';
import { gatewayConfig } from '../src/config.js';

describe('gateway environment (PORTICO_*), parsed once at boot', () => {
  it('defaults: port 8080, table portico, the shared key-encryption-key file, localhost names', () => {
    const config = gatewayConfig({});
    expect(config).toMatchObject({
      host: '127.0.0.1',
      port: 8080,
      tableName: 'portico',
      kekPath: '.portico/kek.bin',
      allowUpstreamHosts: [],
      upstreamTimeoutMs: 30_000,
      allowedOrigins: [],
      logLevel: 'info',
    });
    expect(config.allowedHosts).toEqual(expect.arrayContaining(['localhost', '127.0.0.1']));
  });

  it('reads every PORTICO_* variable; a public bind accepts any Host unless listed', () => {
    const config = gatewayConfig({
      PORTICO_HOST: '0.0.0.0',
      PORTICO_PORT: '9000',
      PORTICO_DYNAMODB_ENDPOINT: 'http://127.0.0.1:8000',
      PORTICO_TABLE: 'other',
      PORTICO_KEK_PATH: '/data/kek.bin',
      PORTICO_ALLOW_UPSTREAM_HOSTS: 'demo=127.0.0.1:4010, api.internal:443',
      PORTICO_UPSTREAM_TIMEOUT_MS: '5000',
      PORTICO_ALLOWED_ORIGINS: 'https://inspector.example.com',
      PORTICO_LOG_LEVEL: 'warn',
    });
    expect(config).toEqual({
      host: '0.0.0.0',
      port: 9000,
      dynamoEndpoint: 'http://127.0.0.1:8000',
      tableName: 'other',
      kekPath: '/data/kek.bin',
      allowUpstreamHosts: ['demo=127.0.0.1:4010', 'api.internal:443'],
      upstreamTimeoutMs: 5000,
      allowedOrigins: ['https://inspector.example.com'],
      logLevel: 'warn',
    });
    expect(gatewayConfig({ PORTICO_ALLOWED_HOSTS: 'mcp.example.com' }).allowedHosts).toEqual([
      'mcp.example.com',
    ]);
  });

  it('a bad value stops boot with a ConfigError naming the variable', () => {
    const bad = (env: Record<string, string>): string => {
      try {
        gatewayConfig(env);
      } catch (error) {
        expect(error).toBeInstanceOf(ConfigError);
        return (error as Error).message;
      }
      throw new Error('accepted');
    };
    expect(bad({ PORTICO_PORT: '70000' })).toMatch(/PORTICO_PORT/);
    expect(bad({ PORTICO_DYNAMODB_ENDPOINT: 'not a url' })).toMatch(/PORTICO_DYNAMODB_ENDPOINT/);
    expect(bad({ PORTICO_ALLOW_UPSTREAM_HOSTS: 'a=b=c' })).toMatch(/PORTICO_ALLOW_UPSTREAM_HOSTS/);
    expect(bad({ PORTICO_UPSTREAM_TIMEOUT_MS: '0' })).toMatch(/PORTICO_UPSTREAM_TIMEOUT_MS/);
    expect(bad({ PORTICO_LOG_LEVEL: 'loud' })).toMatch(/PORTICO_LOG_LEVEL/);
  });
});
