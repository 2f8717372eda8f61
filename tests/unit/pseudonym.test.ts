import { createHmac, randomBytes } from 'node:crypto';

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { kkDigestOf, pseudonymOf } from '../../shared/registry/pseudonym.ts';

function referenceHmac(key: Uint8Array, message: string): Buffer {
  return createHmac('sha256', key).update(message, 'utf8').digest();
}

describe('household pseudonyms', () => {
  it('is HMAC-SHA256 of the NIK, first 16 bytes in hex, for any key and NIK', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 16, maxLength: 100 }), fc.stringMatching(/^\d{16}$/u), (key, nik) => {
        expect(pseudonymOf(nik, key)).toBe(referenceHmac(key, nik).subarray(0, 16).toString('hex'));
      }),
    );
  });

  it('digests a KK apart from NIKs with the same digits', () => {
    const key = randomBytes(32);

    expect(kkDigestOf('6371010101700001', key)).toBe(referenceHmac(key, 'no_kk:6371010101700001').toString('hex'));
    expect(kkDigestOf('6371010101700001', key).slice(0, 32)).not.toBe(pseudonymOf('6371010101700001', key));
  });

  it('gives different households different pseudonyms under one key', () => {
    const key = randomBytes(32);

    expect(pseudonymOf('6371010101700001', key)).not.toBe(pseudonymOf('6371010101700002', key));
  });
});
