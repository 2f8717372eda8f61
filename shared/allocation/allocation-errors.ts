import { problem, type Issue, type Problem } from '../domain/errors.ts';

/** Why an allocation could not be computed; each comes with issues naming the field to fix. */
export const allocationErrorCodes = [
  'invalid_rules',
  'floor_too_high',
  'cap_too_low',
  'missing_weight',
  'missing_official_count',
  'weights_cannot_fill',
  'invalid_official_counts',
  'invalid_eligible_counts',
  'invalid_household',
  'duplicate_household',
] as const;
export type AllocationErrorCode = (typeof allocationErrorCodes)[number];

export type AllocationError = Problem & { readonly code: AllocationErrorCode };

/**
 * A 422 problem like every other domain failure, so the API can answer with it unchanged and the
 * offline CLI can print the same `path message` lines.
 */
export function allocationError(code: AllocationErrorCode, issues: readonly Issue[]): AllocationError {
  const message = issues.map((issue) => `${issue.path} ${issue.message}`).join('; ');
  return problem(422, code, message, issues) as AllocationError;
}

export function isAllocationError(error: unknown): error is AllocationError {
  return (
    error instanceof Error &&
    (allocationErrorCodes as readonly unknown[]).includes((error as Partial<Problem>).code) &&
    Array.isArray((error as Partial<Problem>).issues)
  );
}
