import { describe, expect, it } from 'vitest';

import { actsFor, hasRole, requireRole, type Caller } from '../../shared/domain/caller.ts';
import { isProblem } from '../../shared/domain/errors.ts';

const officerAndApprover: Caller = { sub: 'u1', roles: ['officer', 'approver'] };
const companyUser: Caller = { sub: 'u2', roles: ['company'], orgId: 'org_A' };

describe('roles', () => {
  it('finds a role among several', () => {
    expect(hasRole(officerAndApprover, 'treasurer', 'approver')).toBe(true);
  });

  it('does not find a role the caller lacks', () => {
    expect(hasRole(officerAndApprover, 'treasurer')).toBe(false);
  });

  it('refuses a caller without the role with a 403 problem naming the allowed roles', () => {
    // Act
    let thrown: unknown;
    try {
      requireRole(officerAndApprover, 'treasurer', 'baznas');
    } catch (error) {
      thrown = error;
    }
    // Assess
    expect(isProblem(thrown)).toBe(true);
    expect(thrown).toMatchObject({
      statusCode: 403,
      code: 'forbidden_role',
      message: expect.stringContaining('treasurer, baznas'),
    });
  });

  it('lets a caller with the role through', () => {
    expect(() => requireRole(companyUser, 'admin', 'company')).not.toThrow();
  });
});

describe('actsFor', () => {
  it('is true for the organisation in the token', () => {
    expect(actsFor(companyUser, 'org_A')).toBe(true);
  });

  it('is false for another organisation', () => {
    expect(actsFor(companyUser, 'org_B')).toBe(false);
  });

  it('is false for a caller without an organisation, even for an empty id', () => {
    expect(actsFor(officerAndApprover, '')).toBe(false);
  });
});
