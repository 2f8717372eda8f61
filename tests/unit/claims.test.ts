import { describe, expect, it } from 'vitest';

import { callerFromClaims, parseListClaim, toAuthorizerClaimValue } from '../../shared/auth/claims.ts';

describe('parseListClaim', () => {
  it.each([
    ['the bracketed API Gateway form with two groups', '[officer approver]', ['officer', 'approver']],
    ['the bracketed form with one group', '[admin]', ['admin']],
    ['a real array', ['officer', 'treasurer'], ['officer', 'treasurer']],
    ['a bare single value', 'officer', ['officer']],
    ['an empty string', '', []],
    ['an empty bracketed list', '[]', []],
    ['surrounding whitespace', '  [officer  approver]  ', ['officer', 'approver']],
    ['a JSON-looking list', '["officer","approver"]', ['officer', 'approver']],
  ])('reads %s', (_label, value, expected) => {
    // Act
    const groups = parseListClaim(value);
    // Assess
    expect(groups).toEqual(expected);
  });

  it.each([
    ['a number', 42],
    ['undefined', undefined],
    ['null', null],
    ['an object', { groups: 'admin' }],
  ])('gives no groups for %s', (_label, value) => {
    expect(parseListClaim(value)).toEqual([]);
  });

  it('drops non-string items of a real array', () => {
    expect(parseListClaim(['officer', 7, null, 'approver'])).toEqual(['officer', 'approver']);
  });
});

describe('callerFromClaims', () => {
  it('reads API Gateway style claims, where every value is a string', () => {
    // Prepare
    const claims = {
      sub: '5f1c1a2e-0000-4000-8000-000000000001',
      'cognito:groups': '[company]',
      'custom:orgId': 'org_01JABCDEF',
      email_verified: 'true',
      iat: '1763900000',
      exp: '1763943200',
      token_use: 'id',
    };
    // Act
    const caller = callerFromClaims(claims);
    // Assess
    expect(caller).toEqual({ sub: '5f1c1a2e-0000-4000-8000-000000000001', roles: ['company'], orgId: 'org_01JABCDEF' });
  });

  it('takes every known role from a multi-group claim', () => {
    const caller = callerFromClaims({ sub: 'u1', 'cognito:groups': '[officer treasurer]' });

    expect(caller?.roles).toEqual(['officer', 'treasurer']);
  });

  it('ignores groups that are not Terang roles', () => {
    const caller = callerFromClaims({ sub: 'u1', 'cognito:groups': '[us-east-1_Pool_Google superuser officer]' });

    expect(caller?.roles).toEqual(['officer']);
  });

  it('gives a caller without roles when the groups claim is missing', () => {
    const caller = callerFromClaims({ sub: 'u1' });

    expect(caller).toEqual({ sub: 'u1', roles: [] });
  });

  it('leaves orgId out when the claim is empty', () => {
    const caller = callerFromClaims({ sub: 'u1', 'cognito:groups': '[company]', 'custom:orgId': '' });

    expect(caller).not.toHaveProperty('orgId');
  });

  it.each([
    ['no sub', { 'cognito:groups': '[admin]' }],
    ['an empty sub', { sub: '', 'cognito:groups': '[admin]' }],
    ['a non-string sub', { sub: 12345, 'cognito:groups': '[admin]' }],
  ])('gives no caller for claims with %s', (_label, claims) => {
    expect(callerFromClaims(claims)).toBeUndefined();
  });

  it('gives no caller without claims', () => {
    expect(callerFromClaims(undefined)).toBeUndefined();
  });
});

describe('toAuthorizerClaimValue', () => {
  it('renders an array the way API Gateway does: bracketed and space-separated', () => {
    expect(toAuthorizerClaimValue(['officer', 'treasurer'])).toBe('[officer treasurer]');
  });

  it('renders an empty array as []', () => {
    expect(toAuthorizerClaimValue([])).toBe('[]');
  });

  it.each([
    ['a string', 'org_1', 'org_1'],
    ['a number', 1763900000, '1763900000'],
    ['a boolean', true, 'true'],
    ['an object', { a: 1 }, '{"a":1}'],
  ])('renders %s as a string', (_label, value, expected) => {
    expect(toAuthorizerClaimValue(value)).toBe(expected);
  });

  it('round-trips a groups array through parseListClaim', () => {
    // Prepare
    const groups = ['admin', 'officer', 'approver'];
    // Act
    const parsed = parseListClaim(toAuthorizerClaimValue(groups));
    // Assess
    expect(parsed).toEqual(groups);
  });
});
