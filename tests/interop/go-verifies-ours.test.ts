import '../../shared/log/node-sha256.ts';

import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { formatCheckpoint } from '../../shared/log/checkpoint.ts';
import { appendLeaves, edgeRoot, emptyEdge } from '../../shared/log/edge.ts';
import { encodeBase64, leafHash, sha256 } from '../../shared/log/hash.ts';
import { signerFromSeed } from '../../shared/log/note-signer.ts';
import { consistencyProof, inclusionProof } from '../../shared/log/proof.ts';
import { encodeEntryBundle } from '../../shared/log/entry-bundle.ts';
import { createTileHashReader, treeHashFromTiles, type TileHashReader } from '../../shared/log/tile-hashes.ts';
import { entriesPath, tilePath } from '../../shared/log/tile-path.ts';
import { formatTlogProof } from '../../shared/log/tlog-proof.ts';
import {
  buildGoInterop,
  interestingSizes,
  pseudoRandom,
  temporaryDirectory,
  tileFileReader,
  writeLogFile,
  type GoInterop,
} from './go-tlog.ts';

/**
 * Go verifies ours: we publish a log the way the sequencer does — C2SP hash tiles from appendLeaves,
 * entry bundles and signed checkpoints at many tree sizes — and serve inclusion, consistency and
 * tlog-proofs computed from those tiles. Go's golang.org/x/mod/sumdb/{note,tlog} then check all of
 * it (tests/interop/go/tlog-interop.go `verify`) and report every disagreement.
 */

const origin = 'terang.example/interop';
const logSize = 70_000; // past 65,536: three tile levels, partial tiles on each
const encoder = new TextEncoder();

interface Vectors {
  origin: string;
  vkey: string;
  skey: string;
  size: number;
  checkpoints: { size: number; note: string }[];
  foreignNotes: { size: number; note: string }[];
  cosignedNotes: { size: number; note: string }[];
  roots: { size: number; root: string }[];
  inclusion: { index: number; size: number; proof: string[] }[];
  consistency: { m: number; n: number; proof: string[] }[];
  tlogProofs: { index: number; text: string }[];
}

interface Report {
  received: Record<string, number>;
  checks: Record<string, number>;
  disagreements: string[];
}

interface Published {
  vectors: Vectors;
  tiles: number;
  bundles: number;
}

/** Our log of `logSize` deterministic entries, published at every interesting size. */
async function publishOurLog(root: string): Promise<Published> {
  const random = pseudoRandom(5);
  // Unique entries of random length; entry 7 is empty.
  const entries = Array.from({ length: logSize }, (_, i) => {
    if (i === 7) return new Uint8Array(0);
    const prefix = encoder.encode(`ts entry ${i}:`);
    const entry = random.bytes(prefix.length + random.int(160));
    entry.set(prefix);
    return entry;
  });
  const leaves = entries.map(leafHash);
  const signer = signerFromSeed(origin, sha256(encoder.encode('interop log key')));
  const impostor = signerFromSeed(origin, sha256(encoder.encode('another key with the same name')));
  const witness = signerFromSeed('witness.example/w1', sha256(encoder.encode('a witness key')));
  const sizes = interestingSizes(logSize);

  const tiles = new Set<string>();
  const bundles = new Set<string>();
  const checkpoints: Vectors['checkpoints'] = [];
  const foreignNotes: Vectors['foreignNotes'] = [];
  const cosignedNotes: Vectors['cosignedNotes'] = [];
  let edge = emptyEdge();
  for (const size of sizes) {
    const published = edge.size;
    const appended = appendLeaves(edge, leaves.slice(published, size));
    edge = appended.edge;
    for (const tile of appended.tiles) {
      const path = tilePath(tile.level, tile.n, tile.width);
      await writeLogFile(root, path, tile.hashes);
      tiles.add(path);
    }
    for (let n = Math.floor(published / 256); n * 256 < size; n++) {
      const width = Math.min(256, size - n * 256);
      const path = entriesPath(n, width);
      await writeLogFile(root, path, encodeEntryBundle(entries.slice(n * 256, n * 256 + width)));
      bundles.add(path);
    }
    const body = formatCheckpoint({ origin, size, root: edgeRoot(edge) });
    checkpoints.push({ size, note: signer.sign(body) });
    foreignNotes.push({ size, note: impostor.sign(body) });
    // A witness's cosignature line appended after ours, as a witness would return it.
    const cosignature = witness.sign(body).slice(body.length + 1);
    cosignedNotes.push({ size, note: signer.sign(body) + cosignature });
  }

  // Proofs as the log serves them: from its tiles.
  const readTile = tileFileReader(root);
  const readers = new Map<number, TileHashReader>();
  const hashes = (size: number): TileHashReader => {
    const reader = readers.get(size) ?? createTileHashReader(size, readTile);
    readers.set(size, reader);
    return reader;
  };
  const pairs = new Set<string>();
  const inclusionPairs: [number, number][] = [];
  const addInclusion = (index: number, size: number) => {
    if (index >= 0 && index < size && !pairs.has(`i${index}/${size}`)) {
      pairs.add(`i${index}/${size}`);
      inclusionPairs.push([index, size]);
    }
  };
  for (const size of sizes) {
    for (const index of [0, 1, Math.floor(size / 2), size - 2, size - 1, random.int(size)]) addInclusion(index, size);
  }
  for (let i = 0; i < 200; i++) {
    const size = 1 + random.int(logSize);
    addInclusion(random.int(size), size);
  }
  const consistencyPairs: [number, number][] = [];
  const addConsistency = (m: number, n: number) => {
    if (!pairs.has(`c${m}/${n}`)) {
      pairs.add(`c${m}/${n}`);
      consistencyPairs.push([m, n]);
    }
  };
  sizes.forEach((m, i) => sizes.slice(i + 1).forEach((n) => addConsistency(m, n)));
  for (let i = 0; i < 200; i++) {
    const n = 2 + random.int(logSize - 1);
    addConsistency(1 + random.int(n - 1), n);
  }

  const inclusion: Vectors['inclusion'] = [];
  for (const [index, size] of inclusionPairs) {
    inclusion.push({ index, size, proof: (await inclusionProof(index, size, hashes(size))).map(encodeBase64) });
  }
  const consistency: Vectors['consistency'] = [];
  for (const [m, n] of consistencyPairs) {
    consistency.push({ m, n, proof: (await consistencyProof(m, n, hashes(n))).map(encodeBase64) });
  }
  const rootSizes = new Set([...inclusionPairs.map(([, size]) => size), ...consistencyPairs.flat()]);
  const roots: Vectors['roots'] = [];
  for (const size of [...rootSizes].sort((a, b) => a - b)) {
    roots.push({ size, root: encodeBase64(await treeHashFromTiles(size, readTile)) });
  }

  const tlogProofs: Vectors['tlogProofs'] = [];
  for (const { size, note } of checkpoints) {
    for (const index of new Set([0, Math.floor(size / 3), size - 1])) {
      const proof = await inclusionProof(index, size, hashes(size));
      const extra = index % 2 === 0 ? { extra: encoder.encode(`receipt for entry ${index}`) } : {};
      tlogProofs.push({ index, text: formatTlogProof({ index, hashes: proof, checkpoint: note, ...extra }) });
    }
  }

  const vectors: Vectors = {
    origin,
    vkey: signer.vkey,
    skey: signer.skey,
    size: logSize,
    checkpoints,
    foreignNotes,
    cosignedNotes,
    roots,
    inclusion,
    consistency,
    tlogProofs,
  };
  return { vectors, tiles: tiles.size, bundles: bundles.size };
}

/** The corruptions Go tries on each vector (see `verify` in tlog-interop.go); each must be rejected. */
function corruptionsTried({ checkpoints, foreignNotes, inclusion, consistency }: Vectors): number {
  const perCheckpoint = 2; // a flipped signature bit, an edited size line
  const perInclusion = (proof: string[]) => (proof.length > 0 ? 2 : 0) + 2; // flipped bit, missing hash; wrong index, other entry
  const perConsistency = (m: number, n: number, proof: string[]) =>
    (proof.length > 0 ? 1 : 0) + 1 + (m + 1 < n ? 1 : 0); // flipped bit; wrong old root; wrong old size
  return (
    checkpoints.length * perCheckpoint +
    foreignNotes.length +
    inclusion.reduce((sum, { proof }) => sum + perInclusion(proof), 0) +
    consistency.reduce((sum, { m, n, proof }) => sum + perConsistency(m, n, proof), 0)
  );
}

function disagreementsAbout(report: Report, ...kinds: string[]): string[] {
  return report.disagreements.filter((line) => kinds.some((kind) => line.startsWith(`${kind}:`)));
}

describe("Go's sumdb note and tlog packages verify the log we publish", () => {
  let go: GoInterop;
  let dir: string;
  let published: Published;
  let report: Report;

  let setupFailure: unknown;

  async function setUp(): Promise<void> {
    // Prepare: Go, and our log published to a temporary directory.
    go = await buildGoInterop();
    dir = await temporaryDirectory();
    published = await publishOurLog(join(dir, 'log'));
    await writeFile(join(dir, 'vectors.json'), JSON.stringify(published.vectors));
    // Act: Go checks everything and reports.
    report = JSON.parse(await go.run('verify', dir)) as Report;
    const { checks } = report;
    console.log(
      `Go checked ${Object.values(checks).reduce((a, b) => a + b, 0)} things of ours ` +
        `(${JSON.stringify(checks)}); ${report.disagreements.length} disagreements`,
    );
  }

  beforeAll(() => setUp().catch((error: unknown) => void (setupFailure = error)));
  // Without Go every test must fail, not be skipped (as a failing beforeAll would leave them).
  beforeEach(() => {
    if (setupFailure) throw setupFailure;
  });

  afterAll(async () => {
    await go?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('Go receives every vector we send', () => {
    const { vectors } = published;
    expect(report.received).toEqual({
      checkpoints: vectors.checkpoints.length,
      foreignNotes: vectors.foreignNotes.length,
      cosignedNotes: vectors.cosignedNotes.length,
      roots: vectors.roots.length,
      inclusion: vectors.inclusion.length,
      consistency: vectors.consistency.length,
      tlogProofs: vectors.tlogProofs.length,
    });
  });

  it("Go's note.NewVerifier and note.NewSigner accept our vkey and skey, and note.Sign reproduces our signatures", () => {
    expect(disagreementsAbout(report, 'signatures')).toEqual([]);
    expect(report.checks).toMatchObject({ vkey: 1, skey: 1, signatures: published.vectors.checkpoints.length });
  });

  it("Go's note.Open accepts every checkpoint we sign, with our origin, size and root", () => {
    expect(disagreementsAbout(report, 'checkpoints')).toEqual([]);
    expect(report.checks.checkpoints).toBe(published.vectors.checkpoints.length);
  });

  it("Go's note.Open accepts our checkpoints with a witness cosignature, keeping the witness's line unverified", () => {
    expect(disagreementsAbout(report, 'cosignedNotes')).toEqual([]);
    expect(report.checks.cosignedNotes).toBe(published.vectors.cosignedNotes.length);
  });

  it('every hash tile we publish is byte for byte what tlog.ReadTileData gives for the same entries', () => {
    expect(disagreementsAbout(report, 'tiles')).toEqual([]);
    expect(report.checks.tiles).toBe(published.tiles);
  });

  it("every entry bundle we publish holds, length-prefixed, the entries Go's tree was built from", () => {
    expect(disagreementsAbout(report, 'bundles')).toEqual([]);
    expect(report.checks).toMatchObject({ entries: 1, bundles: published.bundles });
  });

  it("Go's tlog.TileHashReader finds each checkpoint's tiles where we published them and gets its root", () => {
    expect(disagreementsAbout(report, 'published', 'tileTreeHashes')).toEqual([]);
    expect(report.checks.tileTreeHashes).toBe(published.vectors.checkpoints.length);
  });

  it("our tree roots equal Go's tlog.TreeHash at every size we prove against", () => {
    expect(disagreementsAbout(report, 'roots')).toEqual([]);
    expect(report.checks.roots).toBe(published.vectors.roots.length);
  });

  it("Go's tlog.CheckRecord accepts every inclusion proof we serve", () => {
    expect(disagreementsAbout(report, 'inclusion')).toEqual([]);
    expect(report.checks.inclusion).toBe(published.vectors.inclusion.length);
  });

  it("Go's tlog.ProveRecord, reading our tiles, proves inclusion with exactly our hashes", () => {
    expect(disagreementsAbout(report, 'proveRecord')).toEqual([]);
    expect(report.checks.proveRecord).toBe(published.vectors.inclusion.length);
  });

  it("Go's tlog.CheckTree accepts every consistency proof we serve", () => {
    expect(disagreementsAbout(report, 'consistency')).toEqual([]);
    expect(report.checks.consistency).toBe(published.vectors.consistency.length);
  });

  it("Go's tlog.ProveTree, reading our tiles, proves consistency with exactly our hashes", () => {
    expect(disagreementsAbout(report, 'proveTree')).toEqual([]);
    expect(report.checks.proveTree).toBe(published.vectors.consistency.length);
  });

  it('Go parses our C2SP tlog-proofs and verifies them with note.Open and tlog.CheckRecord', () => {
    expect(disagreementsAbout(report, 'tlogProofs')).toEqual([]);
    expect(report.checks.tlogProofs).toBe(published.vectors.tlogProofs.length);
  });

  it('Go rejects our proofs with a flipped bit, a missing hash or the wrong index, and checkpoints signed by another key', () => {
    expect(disagreementsAbout(report, 'negative')).toEqual([]);
    expect(report.checks.negatives).toBe(corruptionsTried(published.vectors));
  });

  it('Go and we disagree on nothing', () => {
    expect(report.disagreements).toEqual([]);
  });
});
