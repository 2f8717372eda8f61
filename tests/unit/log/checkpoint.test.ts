import { describe, expect, it } from 'vitest';

import { decodeBase64 } from '../../../shared/log/base64.ts';
import { formatCheckpoint, parseCheckpoint } from '../../../shared/log/checkpoint.ts';

// The example of https://c2sp.org/tlog-checkpoint.
const specRoot = 'CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=';
const specBody = `example.com/behind-the-sofa\n20852163\n${specRoot}\n`;

describe('formatCheckpoint', () => {
  it('writes the origin, size and base64 root hash, one per line', () => {
    // Act
    const body = formatCheckpoint({
      origin: 'example.com/behind-the-sofa',
      size: 20852163,
      root: decodeBase64(specRoot),
    });
    // Assess
    expect(body).toBe(specBody);
  });

  it('writes extension lines after the root hash', () => {
    const body = formatCheckpoint({ origin: 'o', size: 1, root: new Uint8Array(32), extensions: ['ext one'] });

    expect(body).toBe(`o\n1\n${'A'.repeat(43)}=\next one\n`);
  });

  it('writes the empty tree with size 0', () => {
    const body = formatCheckpoint({ origin: 'o', size: 0, root: new Uint8Array(32) });

    expect(body.split('\n')[1]).toBe('0');
  });

  it.each([
    ['an empty origin', { origin: '', size: 1, root: new Uint8Array(32) }, /empty origin/u],
    ['an origin with a newline', { origin: 'a\nb', size: 1, root: new Uint8Array(32) }, /control character/u],
    ['a negative size', { origin: 'o', size: -1, root: new Uint8Array(32) }, /invalid checkpoint size/u],
    ['a fractional size', { origin: 'o', size: 1.5, root: new Uint8Array(32) }, /invalid checkpoint size/u],
    ['an unsafe size', { origin: 'o', size: 2 ** 53, root: new Uint8Array(32) }, /invalid checkpoint size/u],
    ['a 31-byte root', { origin: 'o', size: 1, root: new Uint8Array(31) }, /31 bytes/u],
    [
      'an empty extension line',
      { origin: 'o', size: 1, root: new Uint8Array(32), extensions: [''] },
      /empty extension line/u,
    ],
  ])('refuses %s', (_case, checkpoint, message) => {
    expect(() => formatCheckpoint(checkpoint)).toThrow(message);
  });
});

describe('parseCheckpoint', () => {
  it('reads the origin, size and root hash of the spec example', () => {
    // Act
    const checkpoint = parseCheckpoint(specBody);
    // Assess
    expect(checkpoint.origin).toBe('example.com/behind-the-sofa');
    expect(checkpoint.size).toBe(20852163);
    expect(checkpoint.root).toEqual(decodeBase64(specRoot));
    expect(checkpoint.extensions).toEqual([]);
  });

  it('round-trips with formatCheckpoint, extension lines included', () => {
    // Prepare
    const root = Uint8Array.from({ length: 32 }, (_, i) => i * 7);
    const body = formatCheckpoint({ origin: 'terang.local/banjarmasin', size: 1234, root, extensions: ['x', 'y z'] });
    // Act
    const parsed = parseCheckpoint(body);
    // Assess
    expect(parsed).toEqual({ origin: 'terang.local/banjarmasin', size: 1234, root, extensions: ['x', 'y z'] });
    expect(formatCheckpoint(parsed)).toBe(body);
  });

  it('reads the empty tree', () => {
    expect(parseCheckpoint(`o\n0\n${specRoot}\n`).size).toBe(0);
  });

  it('reads the largest safe size', () => {
    expect(parseCheckpoint(`o\n9007199254740991\n${specRoot}\n`).size).toBe(Number.MAX_SAFE_INTEGER);
  });

  it.each([
    ['no final newline', specBody.slice(0, -1), /does not end with a newline/u],
    ['two lines', 'example.com/log\n5\n', /want at least 3/u],
    ['an empty origin', `\n5\n${specRoot}\n`, /empty origin/u],
    ['a size with a leading zero', `o\n05\n${specRoot}\n`, /not decimal/u],
    ['a signed size', `o\n+5\n${specRoot}\n`, /not decimal/u],
    ['a negative size', `o\n-5\n${specRoot}\n`, /not decimal/u],
    ['a size in exponent notation', `o\n1e3\n${specRoot}\n`, /not decimal/u],
    ['a size with a space', `o\n 5\n${specRoot}\n`, /not decimal/u],
    ['an empty size', `o\n\n${specRoot}\n`, /not decimal/u],
    ['a size beyond 2^53 - 1', `o\n9007199254740992\n${specRoot}\n`, /too large/u],
    ['a root that is not base64', 'o\n5\nnot base64!\n', /not standard base64/u],
    ['an unpadded root', `o\n5\n${specRoot.slice(0, -1)}\n`, /not standard base64/u],
    ['a URL-safe base64 root', `o\n5\n${specRoot.replace('/', '_')}\n`, /not standard base64/u],
    ['a 33-byte root', `o\n5\n${'A'.repeat(44)}\n`, /33 bytes/u],
    ['an empty extension line', `${specBody}\n`, /empty extension line/u],
    ['a carriage return', `o\r\n5\n${specRoot}\n`, /control character/u],
  ])('rejects a body with %s', (_case, body, message) => {
    expect(() => parseCheckpoint(body)).toThrow(message);
  });
});
