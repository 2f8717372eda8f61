import { describe, expect, it } from 'vitest';

import { SixteenDigitMap } from '../../../shared/registry/sixteen-digit-map.ts';

describe('SixteenDigitMap', () => {
  it('gives back the value stored for a key', () => {
    // Prepare
    const map = new SixteenDigitMap();
    // Act
    map.setIfAbsent('6371015708800001', 7);
    // Assess
    expect(map.get('6371015708800001')).toBe(7);
  });

  it('keeps the first value and returns it when the key comes again', () => {
    // Prepare
    const map = new SixteenDigitMap();
    map.setIfAbsent('6371015708800001', 2);
    // Act
    const held = map.setIfAbsent('6371015708800001', 9);
    // Assess
    expect(held).toBe(2);
    expect(map.get('6371015708800001')).toBe(2);
  });

  it('tells apart keys that a double would round to the same number', () => {
    // Prepare: both are above 2^53, where 9999999999999998 and ...99 are the same double
    const map = new SixteenDigitMap();
    map.setIfAbsent('9999999999999998', 1);
    // Act
    const held = map.setIfAbsent('9999999999999999', 2);
    // Assess
    expect(held).toBeUndefined();
    expect(map.get('9999999999999999')).toBe(2);
  });

  it('tells apart keys whose halves are swapped', () => {
    const map = new SixteenDigitMap();
    map.setIfAbsent('1234567887654321', 1);

    expect(map.get('8765432112345678')).toBeUndefined();
  });

  it('keeps every key through many growths', () => {
    // Prepare
    const map = new SixteenDigitMap();
    const keys = Array.from({ length: 100_000 }, (_, n) => `637101${String(n * 7919).padStart(10, '0')}`);
    // Act
    keys.forEach((key, n) => map.setIfAbsent(key, n));
    // Assess
    expect(map.size).toBe(100_000);
    expect(keys.every((key, n) => map.get(key) === n)).toBe(true);
    expect(map.get('6371010000000001')).toBeUndefined();
  });
});
