import { decodeBase64, encodeBase64 } from './base64.ts';
import { parseCheckpoint } from './checkpoint.ts';
import { leafHash } from './hash.ts';
import { parseNote, verifyNote } from './note.ts';
import { verifyInclusion } from './proof.ts';

/**
 * C2SP tlog-proof (https://c2sp.org/tlog-proof): an offline-verifiable receipt that an entry is in the
 * log — the entry's index, its Merkle inclusion proof and the signed checkpoint the proof leads to.
 *
 *     c2sp.org/tlog-proof@v1
 *     [extra <base64>]
 *     index <N>
 *     <base64 hash>…
 *     (blank line)
 *     <signed checkpoint note, verbatim>
 */
export interface TlogProof {
  readonly index: number;
  /** The inclusion proof, from the leaf's sibling up to the root's child. */
  readonly hashes: readonly Uint8Array[];
  /** The signed checkpoint note text. */
  readonly checkpoint: string;
  /** Opaque, unauthenticated application data. */
  readonly extra?: Uint8Array;
}

export interface VerifiedTlogProof {
  readonly index: number;
  readonly origin: string;
  readonly size: number;
  readonly root: Uint8Array;
  readonly checkpointBody: string;
  readonly extra?: Uint8Array;
}

const magic = 'c2sp.org/tlog-proof@v1';
const hashSize = 32;
/** A tree of at most 2^53 leaves has inclusion proofs of at most 53 hashes. */
const maxProofHashes = 63;
const decimal = /^(?:0|[1-9][0-9]*)$/u;

export function formatTlogProof(proof: TlogProof): string {
  const { index, hashes, checkpoint, extra } = proof;
  if (!Number.isSafeInteger(index) || index < 0) throw new Error(`invalid tlog-proof index ${index}`);
  for (const hash of hashes) {
    if (hash.length !== hashSize) throw new Error(`invalid tlog-proof hash: ${hash.length} bytes, want ${hashSize}`);
  }
  parseNote(checkpoint); // a proof must carry a well-formed signed note
  const lines = [magic];
  if (extra !== undefined) lines.push(`extra ${encodeBase64(extra)}`);
  lines.push(`index ${index}`, ...hashes.map(encodeBase64));
  return `${lines.join('\n')}\n\n${checkpoint}`;
}

function decodeHash(text: string, line: number): Uint8Array {
  let hash: Uint8Array;
  try {
    hash = decodeBase64(text);
  } catch {
    throw new Error(`malformed tlog-proof: line ${line} is not a base64 hash`);
  }
  if (hash.length !== hashSize) {
    throw new Error(`malformed tlog-proof: hash on line ${line} is ${hash.length} bytes, want ${hashSize}`);
  }
  return hash;
}

/** Parses a tlog-proof strictly; the checkpoint must be a well-formed note with a checkpoint body. */
export function parseTlogProof(text: string): TlogProof {
  const split = text.indexOf('\n\n');
  if (split < 0) throw new Error('malformed tlog-proof: no blank line before the checkpoint');
  const lines = text.slice(0, split).split('\n');
  const checkpoint = text.slice(split + 2);
  let at = 0;
  if (lines[at++] !== magic) throw new Error(`malformed tlog-proof: first line is not ${magic}`);

  let extra: Uint8Array | undefined;
  if (lines[at]?.startsWith('extra ')) {
    try {
      extra = decodeBase64(lines[at]!.slice('extra '.length));
    } catch {
      throw new Error('malformed tlog-proof: extra data is not base64');
    }
    at++;
  }

  const indexLine = lines[at++] ?? '';
  const indexText = indexLine.startsWith('index ') ? indexLine.slice('index '.length) : undefined;
  if (indexText === undefined || !decimal.test(indexText)) {
    throw new Error(`malformed tlog-proof: line ${at} is not "index <N>"`);
  }
  const index = Number(indexText);
  if (!Number.isSafeInteger(index)) throw new Error(`malformed tlog-proof: index ${indexText} is too large`);

  const hashLines = lines.slice(at);
  if (hashLines.length > maxProofHashes) throw new Error(`malformed tlog-proof: more than ${maxProofHashes} hashes`);
  const hashes = hashLines.map((line, i) => decodeHash(line, at + i + 1));

  const note = parseNote(checkpoint);
  const { size } = parseCheckpoint(note.body);
  if (index >= size) throw new Error(`malformed tlog-proof: index ${index} is not below the tree size ${size}`);
  return extra === undefined ? { index, hashes, checkpoint } : { index, hashes, checkpoint, extra };
}

/**
 * Verifies a tlog-proof for `entryBytes`: the checkpoint is signed by the log key `vkey` (other
 * signature lines, such as witness cosignatures, are ignored), names the expected origin if one is
 * given, and the inclusion proof leads from the entry's leaf hash at `index` to the checkpoint's root.
 */
export async function verifyTlogProof(
  text: string,
  entryBytes: Uint8Array,
  vkey: string,
  options: { readonly origin?: string } = {},
): Promise<VerifiedTlogProof> {
  const proof = parseTlogProof(text);
  const { body } = await verifyNote(proof.checkpoint, vkey);
  const { origin, size, root } = parseCheckpoint(body);
  if (options.origin !== undefined && origin !== options.origin) {
    throw new Error(`checkpoint origin ${JSON.stringify(origin)} is not ${JSON.stringify(options.origin)}`);
  }
  if (!verifyInclusion(proof.index, size, leafHash(entryBytes), proof.hashes, root)) {
    throw new Error(`inclusion proof for index ${proof.index} does not lead to the root of tree size ${size}`);
  }
  const verified = { index: proof.index, origin, size, root, checkpointBody: body };
  return proof.extra === undefined ? verified : { ...verified, extra: proof.extra };
}
