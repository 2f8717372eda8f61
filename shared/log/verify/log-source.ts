/**
 * Where a verifier reads a published log from: a directory, an HTTP site, or memory in tests. Paths
 * are relative to the log root (`checkpoint`, `key`, `tile/0/000`, `tile/entries/x001/234.p/7`).
 */
export interface LogSource {
  /** A human-readable name for messages: the directory or the log's base URL. */
  readonly location: string;
  /** The file's bytes, or undefined when the log serves no such file; throws LogSourceError on I/O errors. */
  get(path: string): Promise<Uint8Array | undefined>;
  /**
   * The site's public summary (`GET /api/public/summary`, parsed JSON) when the log is served by a
   * Terang site; absent for a bare directory of log files, undefined when the site serves none.
   */
  readonly summary?: () => Promise<unknown>;
}

/** A log held in memory, path → bytes. */
export function memoryLogSource(
  files: ReadonlyMap<string, Uint8Array>,
  options: { location?: string; summary?: () => Promise<unknown> } = {},
): LogSource {
  return {
    location: options.location ?? 'memory',
    get: async (path) => files.get(path),
    ...(options.summary ? { summary: options.summary } : {}),
  };
}
