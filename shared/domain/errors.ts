import createHttpError, { type HttpError } from 'http-errors';

/** One problem with the input, naming the field (`amount`, `earmark.kecamatan.0`). */
export interface Issue {
  readonly path: string;
  readonly message: string;
}

export interface ProblemProperties {
  readonly code: string;
  readonly issues: readonly Issue[];
}

export type Problem = HttpError & ProblemProperties;

/**
 * Domain failures are http-errors with a machine `code` and field `issues`, so the HTTP layer can
 * render `{ error: { code, message, issues } }` without knowing which rule was broken.
 */
export function problem(status: number, code: string, message: string, issues: readonly Issue[] = []): Problem {
  return createHttpError(status, message, { code, issues, expose: true }) as Problem;
}

export const badRequest = (code: string, message: string, issues: readonly Issue[] = []) =>
  problem(400, code, message, issues);
export const unauthorized = (message: string) => problem(401, 'unauthorized', message);
export const forbidden = (code: string, message: string, path?: string) =>
  problem(403, code, message, path ? [{ path, message }] : []);
export const notFound = (code: string, message: string, path?: string) =>
  problem(404, code, message, path ? [{ path, message }] : []);
export const conflict = (code: string, message: string, path?: string) =>
  problem(409, code, message, path ? [{ path, message }] : []);
export const unprocessable = (code: string, message: string, path?: string) =>
  problem(422, code, message, path ? [{ path, message }] : []);

export function isProblem(error: unknown): error is Problem {
  return (
    error instanceof Error &&
    typeof (error as Partial<Problem>).statusCode === 'number' &&
    typeof (error as Partial<Problem>).code === 'string'
  );
}
