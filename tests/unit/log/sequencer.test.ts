import { describe, expect, it } from 'vitest';

import { accountNames, createEntry, type LedgerEntry } from '../../../shared/domain/ledger.ts';
import { formatCheckpoint, parseCheckpoint } from '../../../shared/log/checkpoint.ts';
import { edgeRoot } from '../../../shared/log/edge.ts';
import { generateSigner } from '../../../shared/log/note-signer.ts';
import { parseNote, verifyNote } from '../../../shared/log/note.ts';
import type { LoggableRecord } from '../../../shared/log/public-entry.ts';
import { emptyHead, type LogHead } from '../../../shared/log/sequencer/log-head.ts';
import type { LogFiles, LogPosition, LogStore } from '../../../shared/log/sequencer/ports.ts';
import { createSequencer } from '../../../shared/log/sequencer/sequencer.ts';
import { treeRoot } from '../../../shared/log/proof.ts';
import { leafHash } from '../../../shared/log/hash.ts';

/** The log's ports in memory: the store's compare-and-swap is the real contract, no DynamoDB. */
function memoryStore(options: { failCommits?: number } = {}) {
  let head: LogHead = emptyHead;
  const entries: string[] = [];
  const positions = new Map<string, number>();
  let failures = options.failCommits ?? 0;
  const store: LogStore & { entries: string[] } = {
    entries,
    readHead: async () => head,
    commit: async (expectedVersion, next, start, added) => {
      if (failures > 0) {
        failures -= 1;
        // Another sequencer got there first: it moved the head without these entries.
        head = { ...head, version: head.version + 1 };
        return false;
      }
      if (head.version !== expectedVersion || start !== entries.length) return false;
      entries.push(...added);
      head = next;
      return true;
    },
    readEntries: async (start, end) => entries.slice(start, end),
    recordPositions: async (list: readonly LogPosition[]) => {
      for (const { entryId, index } of list) positions.set(entryId, index);
    },
    findPosition: async (entryId) => positions.get(entryId),
  };
  return store;
}

function memoryFiles(): LogFiles & { files: Map<string, Uint8Array> } {
  const files = new Map<string, Uint8Array>();
  return {
    files,
    read: async (path) => files.get(path),
    write: async (path, bytes) => void files.set(path, bytes),
    publishCheckpoint: async (note) => void files.set('checkpoint', new TextEncoder().encode(note)),
  };
}

const origin = 'terang.test/sequencer';
const noteSigner = generateSigner(origin);
const signer = { origin, vkey: noteSigner.vkey, sign: (body: string) => noteSigner.sign(body) };

function confirmation(i: number): LoggableRecord {
  const entry: LedgerEntry = createEntry({
    id: `entry_confirm_ctb_${i}`,
    type: 'contribution.confirmed',
    fund: 'CSR',
    postings: [
      { account: accountNames.fund('CSR'), amount: 1_000 + i },
      { account: accountNames.contributor('org_1', 'CSR'), amount: -(1_000 + i) },
    ],
    refs: { contributionId: `ctb_${i}`, orgId: 'org_1' },
    createdAt: new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString(),
    createdBy: 'treasurer-ani',
  });
  return { kind: 'entry', entry };
}

const records = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => confirmation(from + i));

async function publishedCheckpoint(files: ReturnType<typeof memoryFiles>) {
  const note = new TextDecoder().decode(files.files.get('checkpoint'));
  return parseCheckpoint((await verifyNote(note, signer.vkey)).body);
}

describe('the sequencer', () => {
  it('appends records at consecutive indexes and signs a checkpoint over all of them', async () => {
    // Prepare
    const store = memoryStore();
    const files = memoryFiles();

    // Act
    await createSequencer({ store, files, signer }).sequence(records(0, 300));

    // Assess
    expect(store.entries.map((entry) => (JSON.parse(entry) as { index: number }).index)).toEqual(
      Array.from({ length: 300 }, (_, i) => i),
    );
    const checkpoint = await publishedCheckpoint(files);
    expect(checkpoint.size).toBe(300);
    expect(checkpoint.root).toEqual(treeRoot(store.entries.map((entry) => leafHash(new TextEncoder().encode(entry)))));
  });

  it('skips records a replayed stream batch delivers again', async () => {
    // Prepare
    const store = memoryStore();
    const sequencer = createSequencer({ store, files: memoryFiles(), signer });
    await sequencer.sequence(records(0, 100));

    // Act
    const outcome = await sequencer.sequence(records(50, 150));

    // Assess
    expect(outcome).toEqual({ sequenced: 50, size: 150 });
    expect(new Set(store.entries.map((entry) => (JSON.parse(entry) as { id: string }).id)).size).toBe(150);
  });

  it('retries on a moved head instead of writing over another sequencer', async () => {
    // Prepare
    const store = memoryStore({ failCommits: 2 });

    // Act
    const outcome = await createSequencer({ store, files: memoryFiles(), signer }).sequence(records(0, 10));

    // Assess
    expect(outcome).toEqual({ sequenced: 10, size: 10 });
  });

  it('finishes the publication of a commit a crash left without tiles or checkpoint', async () => {
    // Prepare: one process commits and dies before publishing (its files never written).
    const store = memoryStore();
    await createSequencer({ store, files: { ...memoryFiles(), publishCheckpoint: async () => {} }, signer }).sequence(
      records(0, 40),
    );
    const files = memoryFiles();

    // Act: a new process with nothing new to add.
    await createSequencer({ store, files, signer }).finishPublishing();

    // Assess
    expect((await publishedCheckpoint(files)).size).toBe(40);
    expect(files.files.has('tile/entries/000.p/40')).toBe(true);
  });

  it('records where each confirmed contribution sits, for its receipt', async () => {
    // Prepare
    const store = memoryStore();

    // Act
    await createSequencer({ store, files: memoryFiles(), signer }).sequence(records(0, 5));

    // Assess
    expect(await store.findPosition('entry_confirm_ctb_3')).toBe(3);
  });

  it('refuses to sign a tree that does not extend the checkpoint already published', async () => {
    // Prepare: the published checkpoint claims another tree of the size the log last published.
    const store = memoryStore();
    const files = memoryFiles();
    const sequencer = createSequencer({ store, files, signer });
    await sequencer.sequence(records(0, 20));
    const forged = signer.sign(formatCheckpoint({ origin, size: 20, root: new Uint8Array(32).fill(7) }));
    files.files.set('checkpoint', new TextEncoder().encode(forged));

    // Act
    const attempt = createSequencer({ store, files, signer }).sequence(records(20, 30));

    // Assess
    await expect(attempt).rejects.toThrow(/refusing to sign/);
    expect(parseCheckpoint(parseNote(forged).body).root).not.toEqual(edgeRoot((await store.readHead()).edge));
  });
});
