import { createHash } from 'node:crypto';

import { describe, expect, it } from 'vitest';

import { decodeBase64, encodeBase64 } from '../../../shared/log/base64.ts';
import { formatVerifierKey, keyId, parseNote, parseVerifierKey, verifyNote } from '../../../shared/log/note.ts';
import { generateSigner, seedFromSecret, signerFromSeed, signerFromSkey } from '../../../shared/log/note-signer.ts';

// Known answers published with Go's golang.org/x/mod/sumdb/note (package documentation and note_test.go).
const peterSkey = 'PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz';
const peterVkey = 'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW';
const enochVkey = 'EnochRoot+af0cfe78+ATtqJ7zOtqQtYqOo0CpvDXNlMhV3HeJDpjrASKGLWdop';
const text = "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n";
const peterSig =
  '— PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n';
const enochSig =
  '— EnochRoot rwz+eBzmZa0SO3NbfRGzPCpDckykFXSdeX+MNtCOXm2/5n2tiOHp+vAF1aGrQ5ovTG01oOTGwnWLox33WWd1RvMc+QQ=\n';
const signedNote = `${text}\n${peterSig}`;

function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex');
}

/** Re-encodes Peter's signature line with its decoded bytes changed by `change`. */
function peterSigWith(change: (bytes: Uint8Array) => Uint8Array): string {
  const encoded = peterSig.slice('— PeterNeumann '.length, -1);
  return `— PeterNeumann ${encodeBase64(change(decodeBase64(encoded)))}\n`;
}

describe('note signer', () => {
  it('derives the published verifier key from the published signer key', () => {
    // Act
    const signer = signerFromSkey(peterSkey);
    // Assess
    expect(signer.name).toBe('PeterNeumann');
    expect(signer.vkey).toBe(peterVkey);
    expect(signer.skey).toBe(peterSkey);
  });

  it('reproduces the published signed note byte for byte', () => {
    const signer = signerFromSkey(peterSkey);

    expect(signer.sign(text)).toBe(signedNote);
  });

  it('rejects a signer key whose key id does not match its key', () => {
    const wrongId = peterSkey.replace('c74f20a3', 'c74f20a4');

    expect(() => signerFromSkey(wrongId)).toThrow(/key id c74f20a4 does not match/u);
  });

  it('rejects a signer key without the PRIVATE+KEY prefix', () => {
    expect(() => signerFromSkey(peterVkey)).toThrow(/malformed signer key/u);
  });

  it('rejects a signer key of another algorithm', () => {
    const otherType = peterSkey.replace('+AYEK', '+AoEK');

    expect(() => signerFromSkey(otherType)).toThrow(/unsupported signer key type/u);
  });

  it('refuses to sign a body that does not end with a newline', () => {
    const signer = signerFromSkey(peterSkey);

    expect(() => signer.sign(text.trimEnd())).toThrow(/does not end with a newline/u);
  });

  it('refuses a key name with a space', () => {
    expect(() => generateSigner('Peter Neumann')).toThrow(/invalid key name/u);
  });

  it('round-trips its skey: a signer rebuilt from it has the same keys', () => {
    // Prepare
    const signer = generateSigner('terang.local/banjarmasin');
    // Act
    const rebuilt = signerFromSkey(signer.skey);
    // Assess
    expect(rebuilt.vkey).toBe(signer.vkey);
    expect(rebuilt.sign('body\n')).toBe(signer.sign('body\n'));
  });

  it('derives the seed of a secret string as the SHA-256 of its UTF-8 bytes', () => {
    expect(hex(seedFromSecret('abc'))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('derives the same key from the same secret every time', () => {
    // Act
    const first = signerFromSeed('terang.local/banjarmasin', seedFromSecret('s3cr3t-from-secrets-manager'));
    const second = signerFromSeed('terang.local/banjarmasin', seedFromSecret('s3cr3t-from-secrets-manager'));
    // Assess
    expect(second.vkey).toBe(first.vkey);
  });

  it('refuses an empty secret', () => {
    expect(() => seedFromSecret('')).toThrow(/empty secret/u);
  });

  it('refuses a seed that is not 32 bytes', () => {
    expect(() => signerFromSeed('example.com/log', new Uint8Array(31))).toThrow(/want 32/u);
  });
});

describe('verifier keys', () => {
  it('computes the key id as SHA-256(name ‖ 0x0A ‖ 0x01 ‖ public key)[:4]', () => {
    // Prepare
    const { publicKey } = parseVerifierKey(peterVkey);
    const expected = createHash('sha256')
      .update(Buffer.concat([Buffer.from('PeterNeumann\n\x01', 'latin1'), publicKey]))
      .digest()
      .subarray(0, 4);
    // Act
    const id = keyId('PeterNeumann', publicKey);
    // Assess
    expect(hex(id)).toBe('c74f20a3');
    expect(hex(id)).toBe(hex(expected));
  });

  it('formats a public key as the published verifier key', () => {
    const { publicKey } = parseVerifierKey(peterVkey);

    expect(formatVerifierKey('PeterNeumann', publicKey)).toBe(peterVkey);
  });

  it('parses the name, key id and 32-byte public key', () => {
    const key = parseVerifierKey(peterVkey);

    expect(key.name).toBe('PeterNeumann');
    expect(hex(key.keyId)).toBe('c74f20a3');
    expect(key.publicKey).toHaveLength(32);
  });

  it('rejects a verifier key whose key id does not match', () => {
    expect(() => parseVerifierKey(peterVkey.replace('c74f20a3', 'c74f20a4'))).toThrow(/does not match/u);
  });

  it('rejects a verifier key of another algorithm', () => {
    // Go's test vector: unknown algorithm with an adjusted key id.
    const otherType = 'PeterNeumann+173116ae+ZRpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW';

    expect(() => parseVerifierKey(otherType)).toThrow(/unsupported verifier key type/u);
  });

  it('rejects a verifier key of the wrong length', () => {
    // Prepare: a 33-byte "Ed25519" key with the key id that matches it.
    const long = new Uint8Array(33).fill(7);
    const tooLong = `PeterNeumann+${hex(keyId('PeterNeumann', long))}+${encodeBase64(Uint8Array.of(1, ...long))}`;

    expect(() => parseVerifierKey(tooLong)).toThrow(/want 32/u);
  });

  it.each([
    ['a missing key', 'PeterNeumann+c74f20a3'],
    ['an empty name', '+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW'],
    ['a name with a space', 'Peter Neumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW'],
    ['a short key id', 'PeterNeumann+c74f20a+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW'],
    ['a key that is not base64', 'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10T!'],
  ])('rejects a verifier key with %s', (_case, vkey) => {
    expect(() => parseVerifierKey(vkey)).toThrow(/malformed verifier key/u);
  });
});

describe('parseNote', () => {
  it('splits the published note into its text and signature line', () => {
    // Act
    const note = parseNote(signedNote);
    // Assess
    expect(note.body).toBe(text);
    expect(note.signatures).toHaveLength(1);
    const [signature] = note.signatures;
    expect(signature?.name).toBe('PeterNeumann');
    expect(hex(signature!.keyId)).toBe('c74f20a3');
    expect(signature?.signature).toHaveLength(64);
    expect(signature?.line).toBe(peterSig.slice(0, -1));
  });

  it('separates the text from the signatures at the last blank line', () => {
    const note = parseNote(`first\n\nsecond\n\n${peterSig}`);

    expect(note.body).toBe('first\n\nsecond\n');
  });

  it('keeps every signature line in order', () => {
    const note = parseNote(`${text}\n${peterSig}${enochSig}`);

    expect(note.signatures.map((signature) => signature.name)).toEqual(['PeterNeumann', 'EnochRoot']);
  });

  it.each([
    ['text only', text],
    ['text and a blank line', `${text}\n`],
    ['a signature line without its newline', `${text}\n${peterSig.slice(0, -1)}`],
    ['a control character', `\u0001${text}\n${peterSig}`],
    ['a lone surrogate', `\ud800${text}\n${peterSig}`],
    ['a key name with a space', `${text}\n${peterSig.replace('PeterNeumann', 'Peter Neumann')}`],
    ['a line after the signatures', `${text}\n${peterSig}Unexpected line.\n`],
    ['a hyphen instead of an em dash', `${text}\n${peterSig.replace('—', '-')}`],
    ['a signature that is not base64', `${text}\n— PeterNeumann x08go/ZJkuBS9UG\n`],
    ['a signature too short to hold a key id', `${text}\n— PeterNeumann AAAAAA==\n`],
    ['no signature after the name', `${text}\n— PeterNeumann\n`],
    ['more than 100 signatures', `${text}\n${peterSig.repeat(101)}`],
  ])('rejects a note with %s', (_case, malformed) => {
    expect(() => parseNote(malformed)).toThrow(/malformed note/u);
  });
});

describe('verifyNote', () => {
  it('verifies the published note with the published verifier key', async () => {
    // Act
    const note = await verifyNote(signedNote, peterVkey);
    // Assess
    expect(note.body).toBe(text);
    expect(note.verifiedBy).toEqual(['PeterNeumann']);
  });

  it('verifies a note signed by a generated key', async () => {
    const signer = generateSigner('terang.local/banjarmasin');

    const note = await verifyNote(signer.sign('terang.local/banjarmasin\n0\nAAAA\n'), [signer.vkey]);

    expect(note.verifiedBy).toEqual(['terang.local/banjarmasin']);
  });

  it('rejects a note whose text was changed', async () => {
    const changed = signedNote.replace('answer', 'solution');

    await expect(verifyNote(changed, peterVkey)).rejects.toThrow(/invalid signature for key PeterNeumann\+c74f20a3/u);
  });

  it('rejects a note signed by another key', async () => {
    await expect(verifyNote(signedNote, enochVkey)).rejects.toThrow(/not signed by any known key/u);
  });

  it('rejects a note whose signature was truncated', async () => {
    const truncated = `${text}\n${peterSigWith((bytes) => bytes.slice(0, -1))}`;

    await expect(verifyNote(truncated, peterVkey)).rejects.toThrow(/invalid signature/u);
  });

  it('rejects a note whose signature was altered', async () => {
    // Go's note_test.go: four characters inserted into the signature.
    const altered = `${text}\n${peterSig.slice(0, 60)}ABCD${peterSig.slice(60)}`;

    await expect(verifyNote(altered, peterVkey)).rejects.toThrow(/invalid signature/u);
  });

  it('rejects a note whose only signature carries another key id', async () => {
    const otherId = `${text}\n${peterSig.replace('x08g', 'xxxx')}`;

    await expect(verifyNote(otherId, peterVkey)).rejects.toThrow(/not signed by any known key/u);
  });

  it('ignores signature lines by unknown keys, such as witness cosignatures', async () => {
    // Act
    const note = await verifyNote(`${text}\n${peterSig}${enochSig}`, peterVkey);
    // Assess
    expect(note.verifiedBy).toEqual(['PeterNeumann']);
    expect(note.signatures.map((signature) => signature.name)).toEqual(['PeterNeumann', 'EnochRoot']);
  });

  it('ignores a line under the same name by a different key', async () => {
    // Prepare
    const impostor = generateSigner('PeterNeumann');
    const impostorLine = impostor.sign(text).slice(text.length + 1);
    // Act
    const note = await verifyNote(`${text}\n${impostorLine}${peterSig}`, peterVkey);
    // Assess
    expect(note.verifiedBy).toEqual(['PeterNeumann']);
  });

  it('accepts several trusted keys and reports every one that signed', async () => {
    const note = await verifyNote(`${text}\n${peterSig}${enochSig}`, [peterVkey, enochVkey]);

    expect(note.verifiedBy).toEqual(['PeterNeumann', 'EnochRoot']);
  });

  it('rejects a note with a bad signature by a trusted key even when another trusted key verifies', async () => {
    const badEnoch = `${enochSig.slice(0, 60)}ABCD${enochSig.slice(60)}`;

    await expect(verifyNote(`${text}\n${peterSig}${badEnoch}`, [peterVkey, enochVkey])).rejects.toThrow(
      /invalid signature for key EnochRoot\+af0cfe78/u,
    );
  });

  it('rejects a malformed note before checking any signature', async () => {
    await expect(verifyNote(text, peterVkey)).rejects.toThrow(/malformed note/u);
  });

  it('rejects a malformed verifier key', async () => {
    await expect(verifyNote(signedNote, 'PeterNeumann')).rejects.toThrow(/malformed verifier key/u);
  });

  it('rejects an empty list of verifier keys', async () => {
    await expect(verifyNote(signedNote, [])).rejects.toThrow(/no verifier key/u);
  });
});
