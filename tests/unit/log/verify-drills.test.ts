import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { emptyRoot } from '../../../shared/log/hash.ts';
import type { PublicEntry } from '../../../shared/log/public-entry.ts';
import {
  editBundle,
  editEntry,
  fixtureSigner,
  ledgerStory,
  runVerify,
  temporaryDirectory,
  writeCheckpoint,
  writeLogFixture,
  type LogFixture,
} from '../../support/log-fixture.ts';

/**
 * Tamper drills: each edits a valid log the way someone rewriting history might, and the verifier must
 * catch it, exit 1 and name where (the entry index, tile path or sizes).
 */

let log: { path: string; remove: () => Promise<void> };
let state: { path: string; remove: () => Promise<void> };
let fixture: LogFixture;

const size = 1000; // three full bundles and tiles, then tile/entries/003.p/232

beforeEach(async () => {
  [log, state] = await Promise.all([temporaryDirectory(), temporaryDirectory()]);
  fixture = await writeLogFixture(log.path, ledgerStory(size));
});

afterEach(async () => {
  await Promise.all([log.remove(), state.remove()]);
});

/** Runs the verifier, expecting a failure; returns the failure message. */
async function failure(...options: string[]): Promise<string> {
  const run = await runVerify([log.path, ...options]);
  expect(run.stdout).toBe('');
  expect(run.code).toBe(1);
  const [line, ...rest] = run.stderr.split('\n').filter((text) => text.startsWith('verify: FAILED: '));
  expect(rest).toEqual([]);
  return line!.slice('verify: FAILED: '.length);
}

/** Entry `index` of the story as the log first held it. */
function storyEntry(index: number): PublicEntry {
  return [...ledgerStory(1, index)][0]!;
}

describe('tamper drills on entries', () => {
  it('names the entry whose amount was edited inside its bundle', async () => {
    await editEntry(log.path, size, 300, (entry) => ({ ...entry, amount: entry['amount'] + 1 }));

    expect(await failure()).toBe('entry 300 has amount 1075001, but its postings move 1075000');
  });

  it('names the entry whose postings do not sum to zero', async () => {
    await editEntry(log.path, size, 301, (entry) => ({
      ...entry,
      postings: [{ ...entry['postings'][0], amount: entry['postings'][0].amount + 1 }, entry['postings'][1]],
    }));

    expect(await failure()).toBe("entry 301's postings sum to 1, not zero");
  });

  it('names the entry that takes an account below zero', async () => {
    // Entry 5 spends from fund:ZAKAT, which holds 1,001,000 after entry 4; make it spend ten times that.
    await editEntry(log.path, size, 5, (entry) => ({
      ...entry,
      amount: 10_010_000,
      postings: [
        { ...entry['postings'][0], amount: 10_010_000 },
        { ...entry['postings'][1], amount: -10_010_000 },
      ],
    }));

    expect(await failure()).toBe('entry 5 takes fund:ZAKAT below zero (to -9009000)');
  });

  it('names the entry that posts outside its fund', async () => {
    await editEntry(log.path, size, 8, (entry) => ({
      ...entry,
      postings: [{ ...entry['postings'][0], account: 'fund:INFAK' }, entry['postings'][1]],
    }));

    expect(await failure()).toBe('entry 8 posts to fund:INFAK, outside fund CSR');
  });

  it('names the entry posting a fractional amount', async () => {
    await editEntry(log.path, size, 9, (entry) => ({
      ...entry,
      amount: 500_500.5,
      postings: [
        { ...entry['postings'][0], amount: 500_500.5 },
        { ...entry['postings'][1], amount: -500_500.5 },
      ],
    }));

    expect(await failure()).toBe(
      'entry 9 posts 500500.5 to expense:training:63.71.03:CSR: not a non-zero whole rupiah amount',
    );
  });

  it('names an entry that is not canonical JSON', async () => {
    await editBundle(log.path, 'tile/entries/000', (entries) =>
      entries.map((bytes, i) => (i === 7 ? JSON.stringify(storyEntry(7), null, 1) : bytes)),
    );

    expect(await failure()).toBe('entry 7 is not canonical JSON (RFC 8785)');
  });

  it('names two swapped entries by the first one out of place', async () => {
    await editBundle(log.path, 'tile/entries/001', (entries) => {
      [entries[10], entries[11]] = [entries[11]!, entries[10]!];
      return entries;
    });

    expect(await failure()).toBe('entry 266 says it is entry 267');
  });

  it('names the tile when two entries were swapped and renumbered to look in place', async () => {
    await editEntry(log.path, size, 265, (entry) => ({ ...storyEntry(266), index: 265, id: entry['id'] }));
    await editEntry(log.path, size, 266, (entry) => ({ ...storyEntry(265), index: 266, id: entry['id'] }));

    expect(await failure()).toBe(
      'tile/0/001 differs from the tile recomputed from the entries, first at hash 9 (entry 265)',
    );
  });

  it('names the full bundle an entry was deleted from', async () => {
    await editBundle(log.path, 'tile/entries/002', (entries) => entries.filter((_, i) => i !== 100));

    expect(await failure()).toBe('tile/entries/002 holds 255 entries, not 256');
  });

  it('names the partial bundle an entry was deleted from', async () => {
    await editBundle(log.path, 'tile/entries/003.p/232', (entries) => entries.slice(1));

    expect(await failure()).toBe('tile/entries/003.p/232 holds 231 entries, not 232');
  });

  it('names a bundle with bytes after its last entry', async () => {
    const path = join(log.path, 'tile/entries/001');
    await writeFile(path, Buffer.concat([await readFile(path), Buffer.from([0, 1, 0x7b])]));

    expect(await failure()).toBe('tile/entries/001 has 3 bytes after its 256 entries');
  });

  it('names a bundle the log no longer serves', async () => {
    await rm(join(log.path, 'tile/entries/001'));

    expect(await failure()).toBe('the log does not serve tile/entries/001, needed for size 1000');
  });
});

describe('tamper drills on hash tiles', () => {
  it('names a full hash tile replaced by another', async () => {
    await writeFile(join(log.path, 'tile/0/002'), await readFile(join(log.path, 'tile/0/001')));

    expect(await failure()).toBe(
      'tile/0/002 differs from the tile recomputed from the entries, first at hash 0 (entry 512)',
    );
  });

  it('names a partial hash tile with one hash changed', async () => {
    const path = join(log.path, 'tile/1/000.p/3');
    const tile = await readFile(path);
    tile[2 * 32 + 5]! ^= 1;
    await writeFile(path, tile);

    expect(await failure()).toBe('tile/1/000.p/3 differs from the tile recomputed from the entries, first at hash 2');
  });

  it('names a hash tile of the wrong length', async () => {
    await writeFile(join(log.path, 'tile/0/003.p/232'), new Uint8Array(231 * 32));

    expect(await failure()).toBe('tile/0/003.p/232 is 7392 bytes, not the 7424 of 232 hashes');
  });

  it('names a hash tile the log does not serve', async () => {
    await rm(join(log.path, 'tile/0/000'));

    expect(await failure()).toBe('the log does not serve tile/0/000');
  });
});

describe('tamper drills on the checkpoint', () => {
  it('rejects a checkpoint signed by another key of the same name', async () => {
    await writeCheckpoint(log.path, fixtureSigner(fixture.origin, 1), size, fixture.root);

    expect(await failure()).toMatch(
      new RegExp(
        `^the checkpoint is not signed by the log's key ${escape(fixture.vkey)}: note is not signed by any known key`,
      ),
    );
  });

  it('rejects a checkpoint whose signature does not match its body', async () => {
    const checkpoint = fixture.checkpoint.replace(`\n${size}\n`, `\n${size - 1}\n`);
    await writeFile(join(log.path, 'checkpoint'), checkpoint);

    expect(await failure()).toMatch(/^the checkpoint is not signed by the log's key .*: invalid signature for key/u);
  });

  it("names the checkpoint's root when it is not the root of the entries", async () => {
    await writeCheckpoint(log.path, fixture.signer, size, emptyRoot);

    expect(await failure()).toMatch(
      /^the checkpoint's root 47DEQpj8HBSa\+\/TImW\+5JCeuQeRkm5NMpJWZG3hSuFU= for size 1000 is not the root \S+ of the tree recomputed from the entries$/u,
    );
  });

  it('catches, with the state, a checkpoint re-signed with the right key over a rewritten history', async () => {
    // Prepare: the verifier saw the log once; then history is rewritten — every file regenerated and re-signed.
    expect((await runVerify([log.path, '--state', state.path])).code).toBe(0);
    const rewritten = [...ledgerStory(size)].map((entry) =>
      entry.index === 40 ? { ...entry, refs: { ...entry.refs, contributionId: 'contribution_forged' } } : entry,
    );
    await writeLogFixture(log.path, rewritten, { signer: fixture.signer });
    expect((await runVerify([log.path])).code).toBe(0); // on its own, the rewritten log is a valid log

    // Act, Assess
    expect(await failure('--state', state.path)).toMatch(
      /^the log at size 1000 is not consistent with the trusted checkpoint at size 1000: /u,
    );
  });

  it('catches, with the state, an amount edited and the tiles and checkpoint regenerated as the log grew', async () => {
    await writeLogFixture(log.path, ledgerStory(600), { signer: fixture.signer });
    expect((await runVerify([log.path, '--state', state.path])).code).toBe(0);
    const edited = [...ledgerStory(size)].map((entry) =>
      entry.index === 300
        ? {
            ...entry,
            amount: entry.amount * 2,
            postings: entry.postings.map((posting) => ({ ...posting, amount: posting.amount * 2 })),
          }
        : entry,
    );
    await writeLogFixture(log.path, edited, { signer: fixture.signer });

    expect(await failure('--state', state.path)).toMatch(
      /^the log at size 1000 is not consistent with the trusted checkpoint at size 600: its entries give the root \S+ at size 600, the trusted checkpoint has \S+$/u,
    );
  });

  it('catches, with the state, a log that shrank', async () => {
    expect((await runVerify([log.path, '--state', state.path])).code).toBe(0);
    await rm(join(log.path, 'tile'), { recursive: true });
    await writeLogFixture(log.path, ledgerStory(900), { signer: fixture.signer });

    expect(await failure('--state', state.path)).toBe(
      "the log's size 900 is smaller than the trusted checkpoint's size 1000",
    );
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/gu, '\\$&');
}
