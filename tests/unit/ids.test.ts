import { describe, expect, it } from 'vitest';

import { newId } from '../../shared/domain/ids.ts';

describe('newId', () => {
  it('starts with the type prefix and an underscore, followed by 26 Crockford base32 characters', () => {
    // Act
    const id = newId('ctb', new Date('2026-11-20T02:15:00Z'));
    // Assess
    expect(id).toMatch(/^ctb_[0-9A-HJKMNP-TV-Z]{26}$/u);
  });

  it('sorts later ids after earlier ones', () => {
    // Prepare
    const times = [0, 1, 31, 32, 1_000, 2 ** 40, 1_763_600_000_000, 1_763_600_000_001, 2 ** 48 - 1];
    const shuffled = [...times].sort(() => Math.random() - 0.5);
    // Act
    const ids = shuffled.map((time) => ({ time, id: newId('org', new Date(time)) }));
    const byId = [...ids].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)).map(({ time }) => time);
    // Assess
    expect(byId).toEqual(times);
  });

  it('encodes the time in the first ten characters, so ids of one millisecond share them', () => {
    const now = new Date('2026-11-20T02:15:00.123Z');

    const [a, b] = [newId('plg', now), newId('plg', now)];

    expect(a?.slice(4, 14)).toBe(b?.slice(4, 14));
  });

  it('gives distinct ids within one millisecond', () => {
    // Prepare
    const now = new Date('2026-11-20T02:15:00.123Z');
    // Act
    const ids = Array.from({ length: 10_000 }, () => newId('ctb', now));
    // Assess
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('uses the current time when none is given', () => {
    const before = newId('x', new Date(Date.now() - 1));

    const id = newId('x');

    expect(id > before).toBe(true);
  });
});
