import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { encodeBase64 } from '../../../shared/log/base64.ts';
import { canonicalJson } from '../../../shared/allocation/canonical-json.ts';
import { emptyEdge } from '../../../shared/log/edge.ts';
import { publishRange } from '../../../shared/log/sequencer/publish-range.ts';
import { directoryLogSource } from '../../../shared/log/verify/directory-log-source.ts';
import { memoryLogSource } from '../../../shared/log/verify/log-source.ts';
import { verifyLog } from '../../../shared/log/verify/verify-log.ts';
import {
  entryBytes,
  fixtureSigner,
  ledgerStory,
  runVerify,
  temporaryDirectory,
  writeLogFixture,
} from '../../support/log-fixture.ts';

let log: { path: string; remove: () => Promise<void> };
let state: { path: string; remove: () => Promise<void> };

beforeEach(async () => {
  [log, state] = await Promise.all([temporaryDirectory(), temporaryDirectory()]);
});

afterEach(async () => {
  await Promise.all([log.remove(), state.remove()]);
});

/** RFC 6962 §2.1 Merkle tree hash, written out naively, independent of the tiles and the edge. */
function naiveRoot(leaves: Uint8Array[]): Uint8Array {
  const sha = (...parts: Uint8Array[]) => {
    const hash = createHash('sha256');
    for (const part of parts) hash.update(part);
    return new Uint8Array(hash.digest());
  };
  if (leaves.length === 0) return sha();
  if (leaves.length === 1) return sha(Uint8Array.of(0), leaves[0]!);
  let split = 1;
  while (split * 2 < leaves.length) split *= 2;
  return sha(Uint8Array.of(1), naiveRoot(leaves.slice(0, split)), naiveRoot(leaves.slice(split)));
}

describe('npx terang verify <dir>', () => {
  it('verifies a valid log and prints its origin, size, root and time on stdout', async () => {
    // Prepare
    const fixture = await writeLogFixture(log.path, ledgerStory(1000));

    // Act
    const run = await runVerify([log.path]);

    // Assess
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      new RegExp(`^verified terang\\.test/log size 1000 root ${escape(encodeBase64(fixture.root))} in \\d+\\.\\ds \\(`),
    );
    expect(run.stdout.trim().split('\n')).toHaveLength(1);
  });

  it('notes on stderr that a directory has no summary to compare', async () => {
    await writeLogFixture(log.path, ledgerStory(10));

    const run = await runVerify([log.path]);

    expect(run.code).toBe(0);
    expect(run.stderr).toContain('a directory has no public summary; totals not compared');
    expect(run.stdout).toContain('summary not served');
  });

  it('checks its fixture against a naive RFC 6962 root, so both cannot be wrong together', async () => {
    const entries = [...ledgerStory(700)];

    const fixture = await writeLogFixture(log.path, entries);

    expect(encodeBase64(fixture.root)).toBe(encodeBase64(naiveRoot(entries.map((entry) => entryBytes(entry)))));
  });

  it.each([0, 1, 256, 512])('verifies a log of %i entries, full and partial tiles alike', async (size) => {
    await writeLogFixture(log.path, ledgerStory(size));

    const run = await runVerify([log.path]);

    expect(run.stderr).not.toContain('FAILED');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`size ${size} `);
  });

  it('verifies a log with a full level-1 tile and a level-2 tile (65,539 entries)', { timeout: 60_000 }, async () => {
    await writeLogFixture(log.path, ledgerStory(65_539));

    const run = await runVerify([log.path]);

    expect(run.stderr).not.toContain('FAILED');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('size 65539 ');
  });

  it("verifies a log the sequencer's publishRange wrote in batches", async () => {
    // Prepare: three batches, the second ending inside a bundle, the third crossing one.
    const files = new Map<string, Uint8Array>();
    const signer = fixtureSigner();
    const logFiles = {
      read: async (path: string) => files.get(path),
      write: async (path: string, bytes: Uint8Array) => void files.set(path, bytes),
      publishCheckpoint: async (note: string) => void files.set('checkpoint', new TextEncoder().encode(note)),
    };
    const entries = [...ledgerStory(700)].map((entry) => canonicalJson(entry));
    let range = { edge: emptyEdge(), partialBundle: [] as readonly string[] };
    for (const [start, end] of [
      [0, 256],
      [256, 300],
      [300, 700],
    ] as const) {
      range = await publishRange(
        logFiles,
        { origin: signer.name, vkey: signer.vkey, sign: signer.sign },
        {
          fromEdge: range.edge,
          bundleHead: range.partialBundle,
          added: entries.slice(start, end),
        },
      );
    }
    files.set('key', new TextEncoder().encode(`${signer.vkey}\n`));

    // Act
    const report = await verifyLog({ source: memoryLogSource(files) });

    // Assess
    expect(report.size).toBe(700);
  });

  it('finds the log under the log/ directory of a site data directory', async () => {
    await writeLogFixture(join(log.path, 'log'), ledgerStory(5));

    const run = await runVerify([log.path]);

    expect(run.code).toBe(0);
  });

  it('exits 2 when the directory does not exist', async () => {
    const run = await runVerify([join(log.path, 'missing')]);

    expect(run.code).toBe(2);
    expect(run.stderr).toContain('is not a directory');
  });

  it('exits 2 when the directory holds no log', async () => {
    const run = await runVerify([log.path]);

    expect(run.code).toBe(2);
    expect(run.stderr).toContain('serves no key');
  });

  it('exits 2 without a target', async () => {
    const run = await runVerify([]);

    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Usage:');
  });

  it('reports progress while it streams through a long log', async () => {
    await writeLogFixture(log.path, ledgerStory(1000));
    const progress: number[] = [];

    await verifyLog({
      source: directoryLogSource(log.path),
      progressEvery: 256,
      onProgress: (verified) => progress.push(verified),
    });

    expect(progress).toEqual([256, 512, 768]);
  });
});

describe('npx terang verify --state', () => {
  it('trusts the key on first use and remembers it with the checkpoint', async () => {
    const fixture = await writeLogFixture(log.path, ledgerStory(300));

    const run = await runVerify([log.path, '--state', state.path]);

    expect(run.code).toBe(0);
    expect(run.stdout).toContain('key trusted on first use');
    expect(await readFile(join(state.path, 'key'), 'utf8')).toBe(`${fixture.vkey}\n`);
    expect(await readFile(join(state.path, 'checkpoint'), 'utf8')).toBe(fixture.checkpoint);
  });

  it('verifies a grown log as consistent with the remembered checkpoint, then remembers the new one', async () => {
    await writeLogFixture(log.path, ledgerStory(300));
    await runVerify([log.path, '--state', state.path]);
    const grown = await writeLogFixture(log.path, ledgerStory(1000));

    const run = await runVerify([log.path, '--state', state.path]);

    expect(run.stderr).not.toContain('FAILED');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('key remembered, consistent with size 300');
    expect(await readFile(join(state.path, 'checkpoint'), 'utf8')).toBe(grown.checkpoint);
  });

  it('verifies an unchanged log as consistent with itself', async () => {
    await writeLogFixture(log.path, ledgerStory(300));
    await runVerify([log.path, '--state', state.path]);

    const run = await runVerify([log.path, '--state', state.path]);

    expect(run.code).toBe(0);
    expect(run.stdout).toContain('consistent with size 300');
  });

  it('rejects a log whose key changed since the remembered one', async () => {
    const fixture = await writeLogFixture(log.path, ledgerStory(300));
    await runVerify([log.path, '--state', state.path]);
    const rotated = await writeLogFixture(log.path, ledgerStory(400), { signer: fixtureSigner(fixture.origin, 1) });

    const run = await runVerify([log.path, '--state', state.path]);

    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`the log's key changed from ${fixture.vkey} to ${rotated.vkey}`);
  });

  it('accepts a rotated key given explicitly with --key, still checking consistency', async () => {
    const fixture = await writeLogFixture(log.path, ledgerStory(300));
    await runVerify([log.path, '--state', state.path]);
    const rotated = await writeLogFixture(log.path, ledgerStory(400), { signer: fixtureSigner(fixture.origin, 1) });

    const run = await runVerify([log.path, '--state', state.path, '--key', rotated.vkey]);

    expect(run.stderr).not.toContain('FAILED');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('key given, consistent with size 300');
    expect(await readFile(join(state.path, 'key'), 'utf8')).toBe(`${rotated.vkey}\n`);
  });

  it('exits 2 when --key is not a verifier key', async () => {
    await writeLogFixture(log.path, ledgerStory(3));

    const run = await runVerify([log.path, '--key', 'not-a-key']);

    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--key is not a verifier key');
  });

  it('leaves the state alone when verification fails', async () => {
    const fixture = await writeLogFixture(log.path, ledgerStory(300));
    await runVerify([log.path, '--state', state.path]);
    await writeLogFixture(log.path, ledgerStory(400));
    await writeFile(join(log.path, 'tile/0/000'), new Uint8Array(256 * 32));

    const run = await runVerify([log.path, '--state', state.path]);

    expect(run.code).toBe(1);
    expect(await readFile(join(state.path, 'checkpoint'), 'utf8')).toBe(fixture.checkpoint);
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/gu, '\\$&');
}
