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
      allowUpstreamHosts: [],
    });
  });

  it('reads upstream grants in both forms and stops on a malformed one, naming the variable', () => {
    const env = { PORTICO_ALLOW_UPSTREAM_HOSTS: ' demo-petstore=127.0.0.1:4010, 127.0.0.1:9000 ,' };
    expect(parseLocalConfig(env, '/repo').allowUpstreamHosts).toEqual([
      'demo-petstore=127.0.0.1:4010',
      '127.0.0.1:9000',
    ]);
    expect(() =>
      parseLocalConfig({ PORTICO_ALLOW_UPSTREAM_HOSTS: 'Demo Petstore=127.0.0.1:4010' }, '/repo'),
    ).toThrow(/PORTICO_ALLOW_UPSTREAM_HOSTS: .*"Demo Petstore=127.0.0.1:4010"/);
  });

  it('stops with a message naming each bad variable', () => {
    expect(() =>
      parseLocalConfig({ PORTICO_PORT: 'eighty', PORTICO_DYNAMODB_ENDPOINT: 'not a url' }, '/repo'),
    ).toThrow(
      /PORTICO_PORT[\s\S]*PORTICO_DYNAMODB_ENDPOINT|PORTICO_DYNAMODB_ENDPOINT[\s\S]*PORTICO_PORT/,
    );
  });
});
