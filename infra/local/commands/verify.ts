import '../../../shared/log/node-sha256.ts';

import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

import { directoryLogSource } from '../../../shared/log/verify/directory-log-source.ts';
import { LogSourceError, VerificationFailure } from '../../../shared/log/verify/failures.ts';
import { httpLogSource } from '../../../shared/log/verify/http-log-source.ts';
import { readTrustDirectory, writeTrustDirectory } from '../../../shared/log/verify/trust-directory.ts';
import { verifyLog, type VerifyOptions } from '../../../shared/log/verify/verify-log.ts';

export const verifyUsage = `  verify <site-url|log-url|dir> [--state DIR] [--key VKEY]
      Verifies the public log: the signed checkpoint, every entry (canonical, balanced, no account
      below zero), every hash tile and the root, consistency with the checkpoint remembered in
      --state (the key is trusted on first use and remembered there; --key accepts a new one), and,
      for a URL, the totals of /api/public/summary. Exit 0: verified; 1: a verification failure
      (named); 2: usage or I/O error.`;

/** Where the command writes; the process's streams unless a test passes its own. */
export interface VerifyStreams {
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown };
}

const processStreams: VerifyStreams = { stdout: process.stdout, stderr: process.stderr };

/** Test seams: how long to wait before re-reading a summary that is ahead of the log, and the clock. */
export interface VerifyCommandOptions extends Pick<VerifyOptions, 'summaryAttempts' | 'summaryRetryDelayMs'> {
  readonly fetch?: typeof globalThis.fetch;
  readonly now?: () => number;
}

/** `npx terang verify <url|dir> [--state DIR] [--key VKEY]`: returns the exit code 0, 1 or 2. */
export async function verifyCommand(
  args: string[],
  streams: VerifyStreams = processStreams,
  options: VerifyCommandOptions = {},
): Promise<number> {
  const now = options.now ?? (() => performance.now());
  const started = now();
  const usageError = (message: string): number => {
    streams.stderr.write(`terang verify: ${message}\n\nUsage:\n${verifyUsage}\n`);
    return 2;
  };
  let values: { state?: string; key?: string; help?: boolean };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: { state: { type: 'string' }, key: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    }));
  } catch (error) {
    return usageError((error as Error).message);
  }
  if (values.help) {
    streams.stdout.write(`Usage:\n${verifyUsage}\n`);
    return 0;
  }
  const [target, ...extra] = positionals;
  if (target === undefined || extra.length > 0) return usageError('verify takes exactly one site URL or directory');

  try {
    const source = /^https?:\/\//iu.test(target)
      ? httpLogSource(target, options.fetch)
      : directoryLogSource(await logDirectory(target));
    if (!source.summary) streams.stderr.write('verify: a directory has no public summary; totals not compared\n');
    const stateDir = values.state;
    const report = await verifyLog({
      source,
      trusted: stateDir === undefined ? {} : await readTrustDirectory(stateDir),
      ...(values.key !== undefined ? { key: values.key } : {}),
      ...(stateDir !== undefined ? { onTrusted: (state) => writeTrustDirectory(stateDir, state) } : {}),
      onProgress: (verified, size) => streams.stderr.write(`verify: ${verified} of ${size} entries verified\n`),
      ...(options.summaryAttempts !== undefined ? { summaryAttempts: options.summaryAttempts } : {}),
      ...(options.summaryRetryDelayMs !== undefined ? { summaryRetryDelayMs: options.summaryRetryDelayMs } : {}),
    });
    if (source.summary && report.summary === 'not served') {
      streams.stderr.write('verify: the site serves no /api/public/summary; totals not compared\n');
    }
    const seconds = ((now() - started) / 1000).toFixed(1);
    const facts = [
      `key ${report.keyTrust === 'first use' ? 'trusted on first use' : report.keyTrust}`,
      ...(report.consistentWith !== undefined ? [`consistent with size ${report.consistentWith}`] : []),
      `summary ${report.summary}`,
    ];
    streams.stdout.write(
      `verified ${report.origin} size ${report.size} root ${report.root} in ${seconds}s (${facts.join(', ')})\n`,
    );
    return 0;
  } catch (error) {
    if (error instanceof VerificationFailure) {
      streams.stderr.write(`verify: FAILED: ${error.message}\n`);
      return 1;
    }
    if (error instanceof LogSourceError) {
      streams.stderr.write(`terang verify: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}

/** The directory holding `checkpoint`: the one given, or its `log/` (a site's `.data` directory). */
async function logDirectory(dir: string): Promise<string> {
  const isDirectory = async (path: string) => (await stat(path).catch(() => undefined))?.isDirectory() ?? false;
  const isFile = async (path: string) => (await stat(path).catch(() => undefined))?.isFile() ?? false;
  if (!(await isDirectory(dir))) throw new LogSourceError(`${dir} is not a directory`);
  if (!(await isFile(join(dir, 'checkpoint'))) && (await isFile(join(dir, 'log', 'checkpoint')))) {
    return join(dir, 'log');
  }
  return dir;
}
