import { forbidden } from './errors.ts';

export const roles = ['admin', 'treasurer', 'officer', 'approver', 'baznas', 'company'] as const;
export type Role = (typeof roles)[number];

/** Who is asking, as established by the authorizer. Organisation users carry their orgId. */
export interface Caller {
  readonly sub: string;
  readonly roles: readonly Role[];
  readonly orgId?: string;
}

export function hasRole(caller: Caller, ...allowed: readonly Role[]): boolean {
  return caller.roles.some((role) => allowed.includes(role));
}

export function requireRole(caller: Caller, ...allowed: readonly Role[]): void {
  if (!hasRole(caller, ...allowed)) {
    throw forbidden('forbidden_role', `this action needs one of the roles: ${allowed.join(', ')}`);
  }
}

/** An organisation user may act only for the organisation named in the token. */
export function actsFor(caller: Caller, orgId: string): boolean {
  return caller.orgId !== undefined && caller.orgId === orgId;
}
