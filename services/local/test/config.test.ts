import { describe, expect, it } from 'vitest';
import { parseLocalConfig } from '../src/config.js';

describe('parseLocalConfig', () => {
  it('applies the embedded defaults', () => {
    const config = parseLocalConfig({}, '/repo');
    expect(config).toEqual({
      host: '127.0.0.1',
      port: 4000,
      dataDir: '/repo/.portico',
      dynamoEndpoint: undefined,
      tableName: 'portico',
      sesEndpoint: undefined,
      demo: true,
      signup: { mode: 'open' },
    });
  });

  it('stops with a message naming each bad variable', () => {
    expect(() =>
      parseLocalConfig({ PORTICO_PORT: 'eighty', PORTICO_DYNAMODB_ENDPOINT: 'not a url' }, '/repo'),
    ).toThrow(
      /PORTICO_PORT[\s\S]*PORTICO_DYNAMODB_ENDPOINT|PORTICO_DYNAMODB_ENDPOINT[\s\S]*PORTICO_PORT/,
    );
  });
});
