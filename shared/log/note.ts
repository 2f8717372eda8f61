import { decodeBase64, encodeBase64 } from './base64.ts';
import { hashesEqual, sha256, toHex as hex } from './hash.ts';

/**
 * C2SP signed notes (https://c2sp.org/signed-note), compatible with Go's golang.org/x/mod/sumdb/note:
 * a text ending in a newline, a blank line, then one or more lines `— <key name> <base64(keyID ‖ sig)>`.
 * Isomorphic: Ed25519 verification goes through WebCrypto, so the browser can use it as is.
 */

/** One signature line of a note, verified or not. */
export interface NoteSignature {
  readonly name: string;
  /** The first 4 bytes of the decoded signature: the key id (big-endian uint32). */
  readonly keyId: Uint8Array;
  /** The signature proper, after the key id. */
  readonly signature: Uint8Array;
  /** The whole line, without its newline. */
  readonly line: string;
}

export interface Note {
  /** The signed text, including its final newline but not the separating blank line. */
  readonly body: string;
  readonly signatures: readonly NoteSignature[];
}

/** A parsed verifier key `<name>+<key id hex>+<base64(0x01 ‖ public key)>`. */
export interface VerifierKey {
  readonly name: string;
  readonly keyId: Uint8Array;
  readonly publicKey: Uint8Array;
}

export interface VerifiedNote extends Note {
  /** The names of the known keys whose signatures verified, in the order of their lines. */
  readonly verifiedBy: readonly string[];
}

const ed25519Type = 0x01;
const publicKeySize = 32;
const signatureSize = 64;
const keyIdSize = 4;
/** Go's note.Open limit; the spec asks that at least 16 be accepted. */
const maxSignatures = 100;
const signaturePrefix = '\u2014 ';
const encoder = new TextEncoder();
// eslint-disable-next-line no-control-regex
const forbiddenControl = /[\u0000-\u0009\u000b-\u001f]/u;
/** Unicode spaces as Go's unicode.IsSpace sees them (JS `\s` lacks U+0085), plus the plus sign. */
const forbiddenInName = /[\s\u0085+]/u;

function isValidName(name: string): boolean {
  return name !== '' && name.isWellFormed() && !forbiddenInName.test(name);
}

/** Canonical padded standard base64, or undefined. */
function decodeStrictBase64(text: string): Uint8Array | undefined {
  try {
    return decodeBase64(text);
  } catch {
    return undefined;
  }
}

/** The Ed25519 key id: the first 4 bytes of SHA-256(name ‖ 0x0A ‖ 0x01 ‖ public key). */
export function keyId(name: string, publicKey: Uint8Array): Uint8Array {
  const nameBytes = encoder.encode(name);
  const input = new Uint8Array(nameBytes.length + 2 + publicKey.length);
  input.set(nameBytes, 0);
  input[nameBytes.length] = 0x0a;
  input[nameBytes.length + 1] = ed25519Type;
  input.set(publicKey, nameBytes.length + 2);
  return sha256(input).slice(0, keyIdSize);
}

/** `<name>+<key id, 8 lowercase hex>+<base64(0x01 ‖ public key)>`, Go's note verifier key. */
export function formatVerifierKey(name: string, publicKey: Uint8Array): string {
  if (!isValidName(name)) throw new Error(`invalid key name ${JSON.stringify(name)}`);
  if (publicKey.length !== publicKeySize) {
    throw new Error(`invalid Ed25519 public key: ${publicKey.length} bytes, want ${publicKeySize}`);
  }
  const typed = new Uint8Array(1 + publicKeySize);
  typed[0] = ed25519Type;
  typed.set(publicKey, 1);
  return `${name}+${hex(keyId(name, publicKey))}+${encodeBase64(typed)}`;
}

/** Parses and checks a verifier key: a valid name, an Ed25519 key and the key id that matches them. */
export function parseVerifierKey(vkey: string): VerifierKey {
  const firstPlus = vkey.indexOf('+');
  const secondPlus = firstPlus < 0 ? -1 : vkey.indexOf('+', firstPlus + 1);
  if (secondPlus < 0) throw new Error('malformed verifier key: want <name>+<key id>+<key>');
  const name = vkey.slice(0, firstPlus);
  const idText = vkey.slice(firstPlus + 1, secondPlus);
  const keyText = vkey.slice(secondPlus + 1);
  if (!isValidName(name)) throw new Error(`malformed verifier key: invalid key name ${JSON.stringify(name)}`);
  if (!/^[0-9a-f]{8}$/iu.test(idText)) throw new Error('malformed verifier key: key id is not 8 hex digits');
  const typed = decodeStrictBase64(keyText);
  if (!typed || typed.length === 0) throw new Error('malformed verifier key: key is not base64');
  if (typed[0] !== ed25519Type) throw new Error(`unsupported verifier key type 0x${hex(typed.subarray(0, 1))}`);
  const publicKey = typed.slice(1);
  if (publicKey.length !== publicKeySize) {
    throw new Error(`malformed verifier key: Ed25519 key is ${publicKey.length} bytes, want ${publicKeySize}`);
  }
  const id = keyId(name, publicKey);
  if (hex(id) !== idText.toLowerCase()) throw new Error(`verifier key id ${idText} does not match its key`);
  return { name, keyId: id, publicKey };
}

/** Splits a signed note into its text and signature lines, without verifying anything. */
export function parseNote(text: string): Note {
  if (!text.isWellFormed()) throw new Error('malformed note: not valid Unicode');
  if (forbiddenControl.test(text)) throw new Error('malformed note: control character other than newline');
  const split = text.lastIndexOf('\n\n');
  if (split < 0) throw new Error('malformed note: no blank line before the signatures');
  const body = text.slice(0, split + 1);
  const block = text.slice(split + 2);
  if (block === '') throw new Error('malformed note: no signature lines');
  if (!block.endsWith('\n')) throw new Error('malformed note: signature block does not end with a newline');
  const lines = block.slice(0, -1).split('\n');
  if (lines.length > maxSignatures) throw new Error(`malformed note: more than ${maxSignatures} signatures`);
  const signatures = lines.map((line): NoteSignature => {
    if (!line.startsWith(signaturePrefix)) throw new Error(`malformed note: signature line ${JSON.stringify(line)}`);
    const rest = line.slice(signaturePrefix.length);
    const space = rest.indexOf(' ');
    const name = space < 0 ? rest : rest.slice(0, space);
    const encoded = space < 0 ? '' : rest.slice(space + 1);
    if (!isValidName(name)) throw new Error(`malformed note: invalid key name ${JSON.stringify(name)}`);
    const decoded = decodeStrictBase64(encoded);
    if (!decoded || decoded.length <= keyIdSize) {
      throw new Error(`malformed note: signature by ${name} is not base64 of a key id and a signature`);
    }
    return { name, keyId: decoded.slice(0, keyIdSize), signature: decoded.slice(keyIdSize), line };
  });
  return { body, signatures };
}

function describe(key: { name: string; keyId: Uint8Array }): string {
  return `${key.name}+${hex(key.keyId)}`;
}

async function verifyEd25519(publicKey: Uint8Array, signature: Uint8Array, message: Uint8Array): Promise<boolean> {
  if (signature.length !== signatureSize) return false;
  const subtle = globalThis.crypto.subtle;
  const key = await subtle.importKey('raw', new Uint8Array(publicKey), { name: 'Ed25519' }, false, ['verify']);
  return subtle.verify({ name: 'Ed25519' }, key, new Uint8Array(signature), new Uint8Array(message));
}

/**
 * Verifies a signed note against the trusted verifier keys. At least one signature must come from a
 * trusted key (same name and key id) and verify; a trusted key's signature that does not verify
 * rejects the whole note; lines by other keys (witness cosignatures, rotated keys) are kept and ignored.
 */
export async function verifyNote(text: string, vkeys: string | readonly string[]): Promise<VerifiedNote> {
  const known = new Map<string, VerifierKey>();
  for (const vkey of typeof vkeys === 'string' ? [vkeys] : vkeys) {
    const key = parseVerifierKey(vkey);
    const existing = known.get(describe(key));
    if (existing && !hashesEqual(existing.publicKey, key.publicKey)) {
      throw new Error(`ambiguous verifier keys for ${describe(key)}`);
    }
    known.set(describe(key), key);
  }
  if (known.size === 0) throw new Error('no verifier key given');

  const note = parseNote(text);
  const message = encoder.encode(note.body);
  const verifiedBy: string[] = [];
  const seen = new Set<string>();
  for (const signature of note.signatures) {
    const id = describe(signature);
    const key = known.get(id);
    if (!key || seen.has(id)) continue;
    seen.add(id);
    if (!(await verifyEd25519(key.publicKey, signature.signature, message))) {
      throw new Error(`invalid signature for key ${id}`);
    }
    verifiedBy.push(key.name);
  }
  if (verifiedBy.length === 0) {
    throw new Error(`note is not signed by any known key (${[...known.keys()].join(', ')})`);
  }
  return { ...note, verifiedBy };
}
