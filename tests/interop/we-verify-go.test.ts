import '../../shared/log/node-sha256.ts';

import { readdir, readFile, rm } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { parseCheckpoint } from '../../shared/log/checkpoint.ts';
import { appendLeaves, edgeRoot, emptyEdge } from '../../shared/log/edge.ts';
import { decodeBase64, encodeBase64, leafHash, type Hash } from '../../shared/log/hash.ts';
import { signerFromSkey } from '../../shared/log/note-signer.ts';
import { parseNote, parseVerifierKey, verifyNote } from '../../shared/log/note.ts';
import {
  consistencyProof,
  inclusionProof,
  memoryHashes,
  treeRoot,
  verifyConsistency,
  verifyInclusion,
} from '../../shared/log/proof.ts';
import { decodeEntryBundle } from '../../shared/log/entry-bundle.ts';
import { createTileHashReader, treeHashFromTiles, type TileHashReader } from '../../shared/log/tile-hashes.ts';
import { entriesPath, parseTilePath, tilePath } from '../../shared/log/tile-path.ts';
import { formatTlogProof, parseTlogProof, verifyTlogProof } from '../../shared/log/tlog-proof.ts';
import { buildGoInterop, temporaryDirectory, tileFileReader, type GoInterop } from './go-tlog.ts';

/**
 * We verify Go's: tests/interop/go/tlog-interop.go `generate` builds a log with Go's
 * golang.org/x/mod/sumdb/tlog (tlog.StoredHashes, tlog.TreeHash, tlog.ProveRecord, tlog.ProveTree,
 * tlog.ReadTileData), signs checkpoints with golang.org/x/mod/sumdb/note, publishes C2SP tiles and
 * entry bundles, and hands over proofs, tlog-proofs and corrupted variants of each. Our isomorphic
 * core must accept everything genuine, reject everything corrupted and compute the same bytes.
 */

const origin = 'go.example/interop';
const seed = 20_240_607;
const logSize = 70_000;

interface InclusionVector {
  index: number;
  size: number;
  leafHash: string;
  root: string;
  proof: string[];
  why?: string;
}

interface ConsistencyVector {
  m: number;
  n: number;
  oldRoot: string;
  newRoot: string;
  proof: string[];
  why?: string;
}

interface TlogProofVector {
  index: number;
  entry: string;
  text: string;
  why?: string;
}

interface GoVectors {
  origin: string;
  vkey: string;
  skey: string;
  size: number;
  entries: string[];
  checkpoints: { size: number; root: string; note: string }[];
  cosignedNotes: { size: number; root: string; note: string }[];
  inclusion: InclusionVector[];
  consistency: ConsistencyVector[];
  tlogProofs: TlogProofVector[];
  negatives: {
    notes: { note: string; why: string }[];
    inclusion: InclusionVector[];
    consistency: ConsistencyVector[];
    tlogProofs: TlogProofVector[];
  };
}

const proofHashes = (proof: readonly string[]): Hash[] => proof.map(decodeBase64);
const b64 = (hashes: readonly Hash[]): string[] => hashes.map(encodeBase64);

async function filesUnder(root: string, dir: string): Promise<string[]> {
  const found = await readdir(join(root, dir), { recursive: true, withFileTypes: true });
  return found
    .filter((entry) => entry.isFile())
    .map((entry) => relative(root, join(entry.parentPath, entry.name)).split(sep).join('/'));
}

async function accepts(promise: Promise<unknown>): Promise<boolean> {
  return promise.then(
    () => true,
    () => false,
  );
}

describe("our log core verifies what Go's sumdb note and tlog packages produce", () => {
  let go: GoInterop;
  let dir: string;
  let logDir: string;
  let vectors: GoVectors;
  let entries: Uint8Array[];
  let leaves: Hash[];
  let memory: ReturnType<typeof memoryHashes>;

  let setupFailure: unknown;

  async function setUp(): Promise<void> {
    go = await buildGoInterop();
    dir = await temporaryDirectory();
    logDir = join(dir, 'log');
    await go.run('generate', dir, String(seed), String(logSize), origin);
    vectors = JSON.parse(await readFile(join(dir, 'vectors.json'), 'utf8')) as GoVectors;
    entries = vectors.entries.map(decodeBase64);
    leaves = entries.map(leafHash);
    memory = memoryHashes(leaves);
    const { checkpoints, cosignedNotes, inclusion, consistency, tlogProofs, negatives } = vectors;
    const negativeCount = Object.values(negatives).reduce((sum, list) => sum + list.length, 0);
    console.log(
      `Go handed us ${checkpoints.length} checkpoints (+${cosignedNotes.length} cosigned), ` +
        `${inclusion.length} inclusion proofs, ` +
        `${consistency.length} consistency proofs, ${tlogProofs.length} tlog-proofs and ${negativeCount} corrupted variants`,
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

  describe('signed notes', () => {
    it("parseVerifierKey accepts Go's note.GenerateKey vkey, and signerFromSkey derives that vkey from Go's skey", () => {
      // Act
      const key = parseVerifierKey(vectors.vkey);
      const signer = signerFromSkey(vectors.skey);

      // Assess
      expect(key.name).toBe(origin);
      expect(signer.vkey).toBe(vectors.vkey);
    });

    it('verifyNote accepts every checkpoint Go signs, and parseCheckpoint reads its origin, size and root', async () => {
      // Act
      const read = await Promise.all(
        vectors.checkpoints.map(async ({ note }) => parseCheckpoint((await verifyNote(note, vectors.vkey)).body)),
      );

      // Assess
      expect(read.map(({ origin, size, root }) => ({ origin, size, root: encodeBase64(root) }))).toEqual(
        vectors.checkpoints.map(({ size, root }) => ({ origin, size, root })),
      );
    });

    it('verifyNote accepts checkpoints Go cosigned with a witness key first, and keeps the witness line', async () => {
      // Act
      const verified = await Promise.all(vectors.cosignedNotes.map(({ note }) => verifyNote(note, vectors.vkey)));

      // Assess
      expect(verified.map(({ verifiedBy, signatures }) => [verifiedBy, signatures.map(({ name }) => name)])).toEqual(
        vectors.cosignedNotes.map(() => [[origin], ['witness.example/w1', origin]]),
      );
      expect(verified.map(({ body }) => body)).toEqual(vectors.checkpoints.map(({ note }) => parseNote(note).body));
    });

    it("our signer, given Go's skey, writes Go's checkpoint notes byte for byte", () => {
      // Prepare
      const signer = signerFromSkey(vectors.skey);

      // Act
      const notes = vectors.checkpoints.map(({ note }) => signer.sign(parseNote(note).body));

      // Assess
      expect(notes).toEqual(vectors.checkpoints.map(({ note }) => note));
    });

    it('verifyNote rejects every checkpoint Go corrupted or signed with another key of the same name', async () => {
      // Act
      const accepted = [];
      for (const { note, why } of vectors.negatives.notes) {
        if (await accepts(verifyNote(note, vectors.vkey))) accepted.push(why);
      }

      // Assess
      expect(vectors.negatives.notes.length).toBeGreaterThan(0);
      expect(accepted).toEqual([]);
    });
  });

  describe('tiles and entry bundles', () => {
    it("decodeEntryBundle reads Go's entry bundles back into Go's entries", async () => {
      // Prepare
      const bundles = Math.ceil(logSize / 256);

      // Act
      const read: Uint8Array[] = [];
      for (let n = 0; n < bundles; n++) {
        const width = Math.min(256, logSize - n * 256);
        read.push(...decodeEntryBundle(new Uint8Array(await readFile(join(logDir, entriesPath(n, width))))));
      }

      // Assess
      expect(read.length).toBe(logSize);
      expect(read.flatMap((entry, i) => (encodeBase64(entry) === vectors.entries[i] ? [] : [i]))).toEqual([]);
    });

    it('appendLeaves publishes, for the same entries and sizes, exactly the hash tiles Go publishes', async () => {
      // Prepare
      const goTiles = (await filesUnder(logDir, 'tile')).filter((path) => parseTilePath(path)?.kind === 'hash');

      // Act
      const ours = new Map<string, string>();
      let edge = emptyEdge();
      for (const { size } of vectors.checkpoints) {
        const appended = appendLeaves(edge, leaves.slice(edge.size, size));
        edge = appended.edge;
        for (const tile of appended.tiles) {
          ours.set(tilePath(tile.level, tile.n, tile.width), encodeBase64(tile.hashes));
        }
      }

      // Assess
      expect([...ours.keys()].sort()).toEqual([...goTiles].sort());
      for (const path of goTiles) {
        expect(ours.get(path), path).toBe(encodeBase64(new Uint8Array(await readFile(join(logDir, path)))));
      }
    });

    it("edgeRoot, treeRoot and treeHashFromTiles over Go's tiles all give Go's root at every checkpoint size", async () => {
      // Prepare
      const readTile = tileFileReader(logDir);

      // Act
      const roots = [];
      let edge = emptyEdge();
      for (const { size } of vectors.checkpoints) {
        edge = appendLeaves(edge, leaves.slice(edge.size, size)).edge;
        roots.push({
          size,
          edge: encodeBase64(edgeRoot(edge)),
          tiles: encodeBase64(await treeHashFromTiles(size, readTile)),
        });
      }
      const finalRoot = encodeBase64(treeRoot(leaves));

      // Assess
      expect(roots).toEqual(vectors.checkpoints.map(({ size, root }) => ({ size, edge: root, tiles: root })));
      expect(finalRoot).toBe(vectors.checkpoints.at(-1)?.root);
    });
  });

  describe('inclusion proofs', () => {
    it('verifyInclusion accepts every inclusion proof Go makes with tlog.ProveRecord', () => {
      // Act
      const rejected = vectors.inclusion.filter(
        ({ index, size, proof, root }) =>
          !verifyInclusion(index, size, leaves[index]!, proofHashes(proof), decodeBase64(root)),
      );

      // Assess
      expect(vectors.inclusion.map(({ leafHash }) => leafHash)).toEqual(
        vectors.inclusion.map(({ index }) => encodeBase64(leaves[index]!)),
      );
      expect(rejected).toEqual([]);
    });

    it("inclusionProof, from memory and from Go's tiles, gives Go's proofs byte for byte", async () => {
      // Prepare
      const fromTiles = tileReaders(logDir);

      // Act
      const different = [];
      for (const { index, size, proof } of vectors.inclusion) {
        const ours = b64(await inclusionProof(index, size, memory));
        const oursFromTiles = b64(await inclusionProof(index, size, fromTiles(size)));
        if (ours.join() !== proof.join() || oursFromTiles.join() !== proof.join()) different.push({ index, size });
      }

      // Assess
      expect(different).toEqual([]);
    });

    it('verifyInclusion rejects every inclusion proof Go corrupted', () => {
      // Act
      const accepted = vectors.negatives.inclusion.filter(({ index, size, leafHash, proof, root }) =>
        verifyInclusion(index, size, decodeBase64(leafHash), proofHashes(proof), decodeBase64(root)),
      );

      // Assess
      expect(vectors.negatives.inclusion.length).toBeGreaterThan(0);
      expect(accepted).toEqual([]);
    });
  });

  describe('consistency proofs', () => {
    it('verifyConsistency accepts every consistency proof Go makes with tlog.ProveTree', () => {
      // Act
      const rejected = vectors.consistency.filter(
        ({ m, n, proof, oldRoot, newRoot }) =>
          !verifyConsistency(m, n, proofHashes(proof), decodeBase64(oldRoot), decodeBase64(newRoot)),
      );

      // Assess
      expect(rejected).toEqual([]);
    });

    it("consistencyProof, from memory and from Go's tiles, gives Go's proofs byte for byte", async () => {
      // Prepare
      const fromTiles = tileReaders(logDir);

      // Act
      const different = [];
      for (const { m, n, proof } of vectors.consistency) {
        const ours = b64(await consistencyProof(m, n, memory));
        const oursFromTiles = b64(await consistencyProof(m, n, fromTiles(n)));
        if (ours.join() !== proof.join() || oursFromTiles.join() !== proof.join()) different.push({ m, n });
      }

      // Assess
      expect(different).toEqual([]);
    });

    it('verifyConsistency rejects every consistency proof Go corrupted', () => {
      // Act
      const accepted = vectors.negatives.consistency.filter(({ m, n, proof, oldRoot, newRoot }) =>
        verifyConsistency(m, n, proofHashes(proof), decodeBase64(oldRoot), decodeBase64(newRoot)),
      );

      // Assess
      expect(vectors.negatives.consistency.length).toBeGreaterThan(0);
      expect(accepted).toEqual([]);
    });
  });

  describe('C2SP tlog-proofs', () => {
    it('verifyTlogProof accepts every tlog-proof Go writes, and formatTlogProof writes the same text', async () => {
      // Act
      const results = [];
      for (const { entry, text } of vectors.tlogProofs) {
        const verified = await verifyTlogProof(text, decodeBase64(entry), vectors.vkey, { origin });
        results.push({ index: verified.index, text: formatTlogProof(parseTlogProof(text)) });
      }

      // Assess
      expect(results).toEqual(vectors.tlogProofs.map(({ index, text }) => ({ index, text })));
    });

    it('verifyTlogProof rejects every tlog-proof Go corrupted, mis-indexed or had signed by another key', async () => {
      // Act
      const accepted = [];
      for (const { entry, text, why } of vectors.negatives.tlogProofs) {
        if (await accepts(verifyTlogProof(text, decodeBase64(entry), vectors.vkey))) accepted.push(why);
      }

      // Assess
      expect(vectors.negatives.tlogProofs.length).toBeGreaterThan(0);
      expect(accepted).toEqual([]);
    });
  });
});

/** One tile hash reader per tree size, over a directory of tiles. */
function tileReaders(root: string): (size: number) => TileHashReader {
  const readTile = tileFileReader(root);
  const readers = new Map<number, TileHashReader>();
  return (size) => {
    const reader = readers.get(size) ?? createTileHashReader(size, readTile);
    readers.set(size, reader);
    return reader;
  };
}
