import { describe, expect, it } from 'vitest';
import { bareHost, HostAllowList, isIpLiteral, isPublicUnicast } from '../src/index.js';

describe('address policy (security)', () => {
  it('isPublicUnicast refuses every internal or special range, IPv4-mapped included', () => {
    for (const bad of [
      '127.0.0.1',
      '127.255.255.254',
      '::1',
      '::ffff:127.0.0.1',
      '::ffff:7f00:1',
      '::ffff:10.0.0.1',
      '169.254.169.254',
      'fe80::1',
      '10.0.0.1',
      '172.16.0.1',
      '192.168.1.1',
      'fc00::1',
      'fd12:3456::1',
      '224.0.0.1',
      'ff02::1',
      '0.0.0.0',
      '::',
      '255.255.255.255',
      '100.64.0.1',
      '192.0.2.1',
      '64:ff9b::7f00:1',
      '2002:7f00:1::',
      'not-an-ip',
      '',
    ]) {
      expect(isPublicUnicast(bad), bad).toBe(false);
    }
    for (const good of ['93.184.216.34', '8.8.8.8', '2606:4700:4700::1111', '::ffff:8.8.8.8']) {
      expect(isPublicUnicast(good), good).toBe(true);
    }
  });

  it('recognizes IP literals with or without brackets', () => {
    expect(isIpLiteral('[::1]')).toBe(true);
    expect(isIpLiteral('10.0.0.1')).toBe(true);
    expect(isIpLiteral('example.com')).toBe(false);
    expect(bareHost('[::1]')).toBe('::1');
    expect(bareHost('example.com')).toBe('example.com');
  });

  it('allow-list entries match exactly: a bare host any port, host:port that port only', () => {
    const allow = new HostAllowList(['Demo.Local', '127.0.0.1:4010', '[::1]:8080', ' ']);
    expect(allow.allows('demo.local', '443')).toBe(true);
    expect(allow.allows('DEMO.local', '80')).toBe(true);
    expect(allow.allows('127.0.0.1', '4010')).toBe(true);
    expect(allow.allows('127.0.0.1', '4011')).toBe(false);
    expect(allow.allows('[::1]', '8080')).toBe(true);
    expect(allow.allows('::1', '8081')).toBe(false);
    expect(allow.allows('sub.demo.local', '443')).toBe(false);
    expect(new HostAllowList().allows('127.0.0.1', '80')).toBe(false);
  });
});
