/**
 * The two ways a verification run ends early. A `VerificationFailure` means the log broke one of its
 * promises (a bad signature, entry, tile, root or total) and is reported with exit code 1; a
 * `LogSourceError` means the log could not be read at all (no such directory, a network error, a bad
 * command line) and is reported with exit code 2.
 */
export class VerificationFailure extends Error {
  override readonly name = 'VerificationFailure';
}

export class LogSourceError extends Error {
  override readonly name = 'LogSourceError';
}

export function fail(message: string): never {
  throw new VerificationFailure(message);
}
