import { createHash } from 'node:crypto';

import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { decodeBase64, encodeBase64 } from '../../../shared/log/base64.ts';
import {
  emptyRoot,
  fromHex,
  leafHash,
  nodeHash,
  perfectTreeHash,
  pureSha256,
  sha256,
  toHex,
  useSha256,
} from '../../../shared/log/hash.ts';
import { nativeThreshold, nodeSha256 } from '../../../shared/log/node-sha256.ts';

const text = (value: string) => new TextEncoder().encode(value);
const nativeHex = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

// Importing node-sha256 plugs node:crypto in; most tests here are about the pure default.
afterEach(() => useSha256(undefined));

describe('pureSha256', () => {
  it.each([
    ['', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
    ['abc', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
    [
      'abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq',
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    ],
  ])('gives the FIPS 180-2 digest of %j', (message, digest) => {
    expect(toHex(pureSha256(text(message)))).toBe(digest);
  });

  it('gives the FIPS 180-2 digest of a million "a"', () => {
    const message = new Uint8Array(1_000_000).fill(0x61);

    expect(toHex(pureSha256(message))).toBe('cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0');
  });

  it('agrees with node:crypto at every padding boundary', () => {
    for (let length = 0; length <= 200; length++) {
      const message = Uint8Array.from({ length }, (_, i) => (i * 31 + length) & 255);
      expect(toHex(pureSha256(message)), `length ${length}`).toBe(nativeHex(message));
    }
  });

  it('agrees with node:crypto on arbitrary messages', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 1000 }), (message) => toHex(pureSha256(message)) === nativeHex(message)),
    );
  });

  it('returns a fresh array each time', () => {
    const first = pureSha256(text('abc'));
    first[0] = 0;

    expect(toHex(pureSha256(text('abc'))).slice(0, 2)).toBe('ba');
  });
});

describe('useSha256', () => {
  it('routes sha256 and leafHash through the plugged-in implementation', () => {
    // Prepare
    const spy = vi.fn(pureSha256);
    useSha256(spy);
    // Act
    sha256(text('abc'));
    leafHash(text('entry'));
    // Assess
    expect(spy).toHaveBeenCalledTimes(2);
    expect(spy.mock.calls[1]?.[0]).toEqual(Uint8Array.of(0, ...text('entry')));
  });

  it('restores the pure implementation when given undefined', () => {
    const spy = vi.fn(pureSha256);
    useSha256(spy);
    useSha256(undefined);

    sha256(text('abc'));

    expect(spy).not.toHaveBeenCalled();
  });
});

describe('node-sha256', () => {
  it('gives the node:crypto digest on both sides of the native threshold', () => {
    for (const length of [0, 65, nativeThreshold - 1, nativeThreshold, 10_000]) {
      const message = Uint8Array.from({ length }, (_, i) => i & 255);
      const digest = nodeSha256(message);
      expect(digest).toBeInstanceOf(Uint8Array);
      expect(digest).toHaveLength(32);
      expect(toHex(digest), `length ${length}`).toBe(nativeHex(message));
    }
  });

  it('is plugged in on import', () => {
    // The import at the top ran useSha256(nodeSha256); afterEach has since reset it, so re-plug and check.
    useSha256(nodeSha256);
    const message = new Uint8Array(nativeThreshold + 1);

    expect(toHex(sha256(message))).toBe(nativeHex(message));
  });
});

describe('RFC 6962 hashing', () => {
  it('hashes the empty tree to SHA-256 of nothing', () => {
    expect(toHex(emptyRoot)).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it('prefixes leaves with 0x00 (the CT tree of one empty leaf)', () => {
    expect(toHex(leafHash(new Uint8Array(0)))).toBe('6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d');
  });

  it('prefixes interior nodes with 0x01 (the CT tree of leaves "" and 00)', () => {
    const root = nodeHash(leafHash(new Uint8Array(0)), leafHash(Uint8Array.of(0)));

    expect(toHex(root)).toBe('fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125');
  });

  it('computes nodeHash as SHA-256(0x01 ‖ left ‖ right)', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        (l, r) => {
          return toHex(nodeHash(l, r)) === nativeHex(Uint8Array.of(1, ...l, ...r));
        },
      ),
    );
  });

  it('rejects node children that are not 32 bytes', () => {
    expect(() => nodeHash(new Uint8Array(31), new Uint8Array(32))).toThrow(RangeError);
  });

  it('hashes a perfect subtree of hashes by pairing them level by level', () => {
    // Prepare
    const leaves = Array.from({ length: 8 }, (_, i) => leafHash(Uint8Array.of(i)));
    const concatenated = new Uint8Array(40 * 32);
    leaves.forEach((leaf, i) => concatenated.set(leaf, (i + 2) * 32));
    const pairs = [0, 2, 4, 6].map((i) => nodeHash(leaves[i]!, leaves[i + 1]!));
    const quads = [nodeHash(pairs[0]!, pairs[1]!), nodeHash(pairs[2]!, pairs[3]!)];
    // Act
    const root = perfectTreeHash(concatenated, 2 * 32, 8);
    // Assess
    expect(toHex(root)).toBe(toHex(nodeHash(quads[0]!, quads[1]!)));
    expect(toHex(perfectTreeHash(concatenated, 2 * 32, 1))).toBe(toHex(leaves[0]!));
  });

  it('refuses a subtree width that is not a power of two', () => {
    expect(() => perfectTreeHash(new Uint8Array(3 * 32), 0, 3)).toThrow(RangeError);
  });
});

describe('base64', () => {
  it.each([
    ['', ''],
    ['f', 'Zg=='],
    ['fo', 'Zm8='],
    ['foo', 'Zm9v'],
    ['foob', 'Zm9vYg=='],
    ['fooba', 'Zm9vYmE='],
    ['foobar', 'Zm9vYmFy'],
  ])('encodes and decodes the RFC 4648 vector %j', (plain, encoded) => {
    expect(encodeBase64(text(plain))).toBe(encoded);
    expect(new TextDecoder().decode(decodeBase64(encoded))).toBe(plain);
  });

  it('matches Buffer on arbitrary bytes, both ways', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 100 }), (bytes) => {
        const encoded = encodeBase64(bytes);
        return encoded === Buffer.from(bytes).toString('base64') && toHex(decodeBase64(encoded)) === toHex(bytes);
      }),
    );
  });

  it.each(['Zg', 'Zg=', 'Zh==', 'Zm9=', 'Zm9v\n', 'Zm 9v', 'Zm-v', 'Zm_v', '====', 'Z===', 'Zg==Zg==', 'Zé=='])(
    'rejects the non-canonical or invalid %j',
    (encoded) => {
      expect(() => decodeBase64(encoded)).toThrow(Error);
    },
  );
});

describe('hex helpers', () => {
  it('round-trips bytes', () => {
    expect(toHex(fromHex('00ff10Ab'))).toBe('00ff10ab');
  });

  it('rejects odd or non-hex text', () => {
    expect(() => fromHex('abc')).toThrow(Error);
    expect(() => fromHex('zz')).toThrow(Error);
  });
});
