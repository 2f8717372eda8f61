import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { beforeAll, describe, expect, it } from 'vitest';

import { handlerEnvironment } from '../../shared/environment.ts';
import { checkpointOfNote } from '../../shared/log/checkpoint.ts';
import { entriesPath, tilePath } from '../../shared/log/tile-path.ts';
import { useIsolatedTable } from '../support/isolated-table.ts';
import { sampleEntries, writeEntries } from '../support/ledger-entries.ts';

const total = 3_000;
const entries = sampleEntries(total);

type Store = import('../../shared/dynamodb/log-store.ts').DynamoDbLogStore;
let crashed: { store: Store; directory: string };
let reference: { store: Store; directory: string };
let killedAt: { size: number; publishedSize: number };

/** In batches of 1,000 records, so that killing it can leave the log part written. */
function startSequencer(environment: Record<string, string>): ChildProcess {
  const script = fileURLToPath(new URL('../support/sequencer-process.ts', import.meta.url));
  return spawn(process.execPath, ['--import', 'tsx', script], {
    env: { ...process.env, TEST_LOG_BATCH_SIZE: '1000', ...environment },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 120_000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() - started > timeoutMs) throw new Error(`gave up waiting: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

async function stopped(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  await new Promise((resolve) => child.once('exit', resolve));
}

/** Every file of the log a verifier reads at `size`: full tiles, the last partials, checkpoint, key. */
async function publishedFiles(directory: string, size: number): Promise<Map<string, string>> {
  const paths = ['checkpoint', 'key'];
  for (let level = 0, width = size; width > 0; level++, width = Math.floor(width / 256)) {
    for (let n = 0; n * 256 < width; n++) {
      const count = Math.min(256, width - n * 256);
      paths.push(tilePath(level, n, count));
      if (level === 0) paths.push(entriesPath(n, count));
    }
    if (width < 256) break;
  }
  const files = new Map<string, string>();
  for (const path of paths) {
    files.set(path, (await readFile(join(directory, path)).catch(() => Buffer.from('missing'))).toString('base64'));
  }
  return files;
}

/** The size the published checkpoint signs (0 before there is one). */
async function checkpointSize(directory: string): Promise<number> {
  const note = await readFile(join(directory, 'checkpoint'), 'utf8').catch(() => undefined);
  return note ? checkpointOfNote(note).size : 0;
}

beforeAll(async () => {
  // Prepare: the same entries in two tables, each with its own log directory; one signing key.
  await useIsolatedTable({ seedCity: false });
  const { documentClient, dynamoDbClient } = await import('../../shared/dynamodb/client.ts');
  const { DynamoDbLogStore } = await import('../../shared/dynamodb/log-store.ts');
  const { ensureTable } = await import('../../infra/local/create-table.ts');
  const crashedTable = process.env[handlerEnvironment.tableName]!;
  const referenceTable = `${crashedTable}-reference`;
  await ensureTable(dynamoDbClient, referenceTable);
  await writeEntries(documentClient, crashedTable, entries);
  await writeEntries(documentClient, referenceTable, entries);
  crashed = {
    store: new DynamoDbLogStore(documentClient, crashedTable),
    directory: process.env[handlerEnvironment.localLogDirectory]!,
  };
  reference = {
    store: new DynamoDbLogStore(documentClient, referenceTable),
    directory: await mkdtemp(join(tmpdir(), 'terang-log-reference-')),
  };

  // Act: kill the sequencer as soon as it has committed some, not all, then start it again.
  const first = startSequencer({});
  const head = await until(
    () => crashed.store.readHead(),
    (value) => value.size > 0,
  );
  first.kill('SIGKILL');
  await stopped(first);
  killedAt = { size: head.size, publishedSize: head.publishedSize };
  const second = startSequencer({});
  await until(
    () => checkpointSize(crashed.directory),
    (size) => size === total,
  );
  second.kill('SIGKILL');
  await stopped(second);

  const uninterrupted = startSequencer({
    [handlerEnvironment.tableName]: referenceTable,
    [handlerEnvironment.localLogDirectory]: reference.directory,
  });
  await until(
    () => checkpointSize(reference.directory),
    (size) => size === total,
  );
  uninterrupted.kill('SIGKILL');
  await stopped(uninterrupted);
}, 300_000);

describe('the sequencer, killed mid-batch and restarted', () => {
  it('was killed with part of the log committed', () => {
    expect(killedAt.size).toBeGreaterThan(0);
    expect(killedAt.size).toBeLessThan(total);
  });

  it('logs every entry exactly once, in the order an uninterrupted run does', async () => {
    const logged = await crashed.store.readEntries(0, total);
    expect(logged).toEqual(await reference.store.readEntries(0, total));
    expect(new Set(logged.map((entry) => (JSON.parse(entry) as { id: string }).id)).size).toBe(total);
  });

  it('publishes the same tiles, entry bundles and checkpoint byte for byte', async () => {
    const [mine, theirs] = await Promise.all([
      publishedFiles(crashed.directory, total),
      publishedFiles(reference.directory, total),
    ]);
    expect(mine.size).toBeGreaterThan(2 * Math.ceil(total / 256));
    for (const [path, bytes] of theirs) {
      expect(bytes, `${path} in the uninterrupted log`).not.toBe(Buffer.from('missing').toString('base64'));
      expect(mine.get(path), path).toBe(bytes);
    }
  });
});
