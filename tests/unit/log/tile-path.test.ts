import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { entriesPath, parseTilePath, tilePath } from '../../../shared/log/tile-path.ts';

describe('tilePath', () => {
  it('writes the index in 3-digit groups, all but the last prefixed with x (the C2SP example)', () => {
    expect(tilePath(0, 1234067)).toBe('tile/0/x001/x234/067');
  });

  it('pads a small index to one 3-digit group', () => {
    expect(tilePath(1, 5)).toBe('tile/1/005');
    expect(tilePath(0, 0)).toBe('tile/0/000');
  });

  it('starts a new group at 1000', () => {
    expect(tilePath(2, 999)).toBe('tile/2/999');
    expect(tilePath(2, 1000)).toBe('tile/2/x001/000');
    expect(tilePath(2, 1_000_000)).toBe('tile/2/x001/x000/000');
  });

  it('names a partial tile by its width', () => {
    expect(tilePath(1, 1234067, 8)).toBe('tile/1/x001/x234/067.p/8');
    expect(tilePath(0, 3, 255)).toBe('tile/0/003.p/255');
  });

  it('treats width 256 as the full tile', () => {
    expect(tilePath(0, 3, 256)).toBe('tile/0/003');
  });

  it.each([
    [-1, 0, 256],
    [64, 0, 256],
    [0.5, 0, 256],
    [0, -1, 256],
    [0, 1.5, 256],
    [0, Number.MAX_SAFE_INTEGER + 1, 256],
    [0, 0, 0],
    [0, 0, 257],
    [0, 0, 2.5],
  ])('rejects level %d, index %d, width %d', (level, n, width) => {
    expect(() => tilePath(level, n, width)).toThrow(RangeError);
  });
});

describe('entriesPath', () => {
  it('names full and partial entry bundles', () => {
    expect(entriesPath(1234067)).toBe('tile/entries/x001/x234/067');
    expect(entriesPath(5, 17)).toBe('tile/entries/005.p/17');
  });

  it('rejects a width of 0', () => {
    expect(() => entriesPath(0, 0)).toThrow(RangeError);
  });
});

describe('parseTilePath', () => {
  it('parses full and partial hash tiles', () => {
    expect(parseTilePath('tile/0/x001/x234/067')).toEqual({ kind: 'hash', level: 0, n: 1234067, width: 256 });
    expect(parseTilePath('tile/63/005.p/255')).toEqual({ kind: 'hash', level: 63, n: 5, width: 255 });
  });

  it('parses entry bundles', () => {
    expect(parseTilePath('tile/entries/x001/000')).toEqual({ kind: 'entries', n: 1000, width: 256 });
    expect(parseTilePath('tile/entries/000.p/1')).toEqual({ kind: 'entries', n: 0, width: 1 });
  });

  it.each([
    'tile/0/5',
    'tile/0/0005',
    'tile/0/x000/005',
    'tile/0/001/002',
    'tile/0/x001',
    'tile/0/x001/x002',
    'tile/00/005',
    'tile/01/005',
    'tile/64/005',
    'tile/-1/005',
    'tile/0/005.p/256',
    'tile/0/005.p/0',
    'tile/0/005.p/08',
    'tile/0/005.p/',
    'tile/0/005.p',
    'tile/0/005/',
    '/tile/0/005',
    'tile/0/005 ',
    'tile/8/0/005',
    'tile/data/005',
    'tile/entries/5',
    'tile/entries/x000/001',
    'checkpoint',
    '',
  ])('rejects %j', (path) => {
    expect(parseTilePath(path)).toBeUndefined();
  });

  it('inverts tilePath and entriesPath', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 63 }),
        fc.oneof(fc.integer({ min: 0, max: 2000 }), fc.maxSafeNat()),
        fc.integer({ min: 1, max: 256 }),
        (level, n, width) => {
          expect(parseTilePath(tilePath(level, n, width))).toEqual({ kind: 'hash', level, n, width });
          expect(parseTilePath(entriesPath(n, width))).toEqual({ kind: 'entries', n, width });
        },
      ),
    );
  });
});
