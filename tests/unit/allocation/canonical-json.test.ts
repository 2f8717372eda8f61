import { describe, expect, it } from 'vitest';

import { canonicalJson } from '../../../shared/allocation/canonical-json.ts';

describe('canonicalJson', () => {
  it('sorts object members by key at every depth and leaves out whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: true, y: null }], c: 'x' } })).toBe(
      '{"a":{"c":"x","d":[3,{"y":null,"z":true}]},"b":1}',
    );
  });

  it('writes numbers in their shortest round-trip form', () => {
    expect(canonicalJson([0.1, 1e-7, 1e21, 1_000_000, -0])).toBe('[0.1,1e-7,1e+21,1000000,0]');
  });

  it('escapes strings as JSON does', () => {
    expect(canonicalJson('a"b\\c\n')).toBe('"a\\"b\\\\c\\n"');
  });

  it('leaves out members whose value is undefined', () => {
    expect(canonicalJson({ a: undefined, b: 2 })).toBe('{"b":2}');
  });

  it('refuses a number JSON cannot hold', () => {
    expect(() => canonicalJson(Number.NaN)).toThrow(TypeError);
  });
});
