import type { Caller, Role } from '../domain/caller.ts';
import { roles } from '../domain/caller.ts';

/**
 * Claims as API Gateway's HTTP API JWT authorizer hands them to Lambda
 * (`requestContext.authorizer.jwt.claims`): every value is a string, and an array claim such as
 * `cognito:groups` arrives as one bracketed, space-separated string: `"[officer approver]"`.
 * Tokens decoded elsewhere may still carry real arrays, so both forms are accepted.
 */
export type JwtClaims = Readonly<Record<string, unknown>>;

export function parseListClaim(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((item): item is string => typeof item === 'string');
  if (typeof value !== 'string') return [];
  const trimmed = value.trim();
  const inner = trimmed.startsWith('[') && trimmed.endsWith(']') ? trimmed.slice(1, -1) : trimmed;
  return inner
    .split(/[\s,]+/u)
    .map((item) => item.replace(/^"|"$/gu, ''))
    .filter((item) => item.length > 0);
}

/** Renders a claim value the way the HTTP API JWT authorizer does, for the local server. */
export function toAuthorizerClaimValue(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(String).join(' ')}]`;
  if (value !== null && typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

export function callerFromClaims(claims: JwtClaims | undefined): Caller | undefined {
  if (!claims) return undefined;
  const sub = claims['sub'];
  if (typeof sub !== 'string' || sub.length === 0) return undefined;
  const groups = parseListClaim(claims['cognito:groups']);
  const callerRoles = groups.filter((group): group is Role => (roles as readonly string[]).includes(group));
  const orgId = claims['custom:orgId'];
  return {
    sub,
    roles: callerRoles,
    ...(typeof orgId === 'string' && orgId.length > 0 ? { orgId } : {}),
  };
}
