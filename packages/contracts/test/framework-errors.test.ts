import { describe, expect, it } from 'vitest';
import { frameworkErrorCode } from '../src/index.js';

describe('frameworkErrorCode', () => {
  it('maps fastify body errors to their codes and other FST_ 4xx to BAD_REQUEST', () => {
    expect(frameworkErrorCode({ code: 'FST_ERR_CTP_BODY_TOO_LARGE', statusCode: 413 })).toBe(
      'PAYLOAD_TOO_LARGE',
    );
    expect(frameworkErrorCode({ code: 'FST_ERR_CTP_INVALID_MEDIA_TYPE', statusCode: 415 })).toBe(
      'UNSUPPORTED_MEDIA_TYPE',
    );
    expect(frameworkErrorCode({ code: 'FST_ERR_SOMETHING_NEW', statusCode: 400 })).toBe(
      'BAD_REQUEST',
    );
  });

  it('leaves server errors and foreign errors to the caller (INTERNAL)', () => {
    expect(frameworkErrorCode({ code: 'FST_ERR_SOMETHING', statusCode: 500 })).toBeUndefined();
    expect(frameworkErrorCode({ code: 'ECONNRESET' })).toBeUndefined();
    expect(frameworkErrorCode({})).toBeUndefined();
  });
});
