import type { Issue } from '../domain/errors.ts';

interface ZodLikeIssue {
  readonly code: string;
  readonly path: readonly PropertyKey[];
  readonly message: string;
  readonly keys?: readonly string[];
}

function joinPath(path: readonly PropertyKey[], root: string): string {
  return path.length === 0 ? root : path.map(String).join('.');
}

/** Turns zod issues into `{ path, message }`, one per unknown field so each field is named. */
export function toIssues(zodIssues: readonly ZodLikeIssue[], root = '(body)'): Issue[] {
  return zodIssues.flatMap((issue) =>
    issue.code === 'unrecognized_keys' && issue.keys
      ? issue.keys.map((key) => ({ path: joinPath([...issue.path, key], root), message: 'is not a known field' }))
      : [{ path: joinPath(issue.path, root), message: issue.message }],
  );
}

export function summarise(issues: readonly Issue[]): string {
  return issues.map((issue) => `${issue.path} ${issue.message}`).join('; ');
}
