import type { Issue } from '../domain/errors.ts';

interface ZodLikeIssue {
  readonly code: string;
  readonly path: readonly PropertyKey[];
  readonly message: string;
  readonly keys?: readonly string[];
}

/**
 * Zod issues as `{ path, message }`, one per unknown field. The same mapping as the API's
 * functions/lib/issues.ts, repeated here because shared/ must not depend on functions/.
 */
export function issuesFromZod(zodIssues: readonly ZodLikeIssue[], root = '(rules)'): Issue[] {
  return zodIssues.flatMap((issue) =>
    issue.code === 'unrecognized_keys' && issue.keys
      ? issue.keys.map((key) => ({ path: [...issue.path, key].map(String).join('.'), message: 'is not a known field' }))
      : [{ path: issue.path.length === 0 ? root : issue.path.map(String).join('.'), message: issue.message }],
  );
}
