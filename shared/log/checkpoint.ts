import { decodeBase64, encodeBase64 } from './base64.ts';
import { parseNote } from './note.ts';

/**
 * A C2SP tlog-checkpoint body (https://c2sp.org/tlog-checkpoint): the origin, the tree size in decimal
 * and the base64 RFC 6962 root hash, one per line, then optional extension lines, each line ending in
 * a newline. The body is what the log signs as a note (see note.ts).
 */
export interface Checkpoint {
  readonly origin: string;
  readonly size: number;
  readonly root: Uint8Array;
  /** Opaque extension lines (without their newlines); we emit none but keep what others wrote. */
  readonly extensions: readonly string[];
}

export interface CheckpointInput {
  readonly origin: string;
  readonly size: number;
  readonly root: Uint8Array;
  readonly extensions?: readonly string[];
}

const hashSize = 32;
const decimal = /^(?:0|[1-9][0-9]*)$/u;
// eslint-disable-next-line no-control-regex
const controlCharacter = /[\u0000-\u001f\u007f]/u;

function checkLine(line: string, what: string): void {
  if (line === '') throw new Error(`malformed checkpoint: empty ${what}`);
  if (controlCharacter.test(line)) throw new Error(`malformed checkpoint: control character in ${what}`);
}

/** The checkpoint note body: `<origin>\n<size>\n<base64 root>\n` plus any extension lines. */
export function formatCheckpoint(checkpoint: CheckpointInput): string {
  const { origin, size, root, extensions = [] } = checkpoint;
  checkLine(origin, 'origin');
  if (!Number.isSafeInteger(size) || size < 0) throw new Error(`invalid checkpoint size ${size}`);
  if (root.length !== hashSize) throw new Error(`invalid checkpoint root: ${root.length} bytes, want ${hashSize}`);
  for (const extension of extensions) checkLine(extension, 'extension line');
  return [origin, String(size), encodeBase64(root), ...extensions].map((line) => `${line}\n`).join('');
}

/** Parses a checkpoint note body (the text before the signatures), rejecting anything non-canonical. */
export function parseCheckpoint(body: string): Checkpoint {
  if (!body.endsWith('\n')) throw new Error('malformed checkpoint: body does not end with a newline');
  const lines = body.slice(0, -1).split('\n');
  const [origin, sizeText, rootText, ...extensions] = lines;
  if (origin === undefined || sizeText === undefined || rootText === undefined) {
    throw new Error(`malformed checkpoint: ${lines.length} lines, want at least 3`);
  }
  checkLine(origin, 'origin');
  if (!decimal.test(sizeText)) throw new Error(`malformed checkpoint: size ${JSON.stringify(sizeText)} is not decimal`);
  const size = Number(sizeText);
  if (!Number.isSafeInteger(size)) throw new Error(`malformed checkpoint: size ${sizeText} is too large`);
  let root: Uint8Array;
  try {
    root = decodeBase64(rootText);
  } catch {
    throw new Error(`malformed checkpoint: root hash ${JSON.stringify(rootText)} is not standard base64`);
  }
  if (root.length !== hashSize) {
    throw new Error(`malformed checkpoint: root hash is ${root.length} bytes, want ${hashSize}`);
  }
  for (const extension of extensions) checkLine(extension, 'extension line');
  return { origin, size, root, extensions };
}

/**
 * The checkpoint a signed note carries, its signatures left unchecked: for a log reading back what
 * it published itself. Anyone else verifies the note first (note.ts `verifyNote`).
 */
export function checkpointOfNote(note: string): Checkpoint {
  return parseCheckpoint(parseNote(note).body);
}
