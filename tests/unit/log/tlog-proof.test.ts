import { describe, expect, it } from 'vitest';

import { decodeBase64, encodeBase64 } from '../../../shared/log/base64.ts';
import { formatCheckpoint } from '../../../shared/log/checkpoint.ts';
import { leafHash } from '../../../shared/log/hash.ts';
import { generateSigner, signerFromSeed, type NoteSigner } from '../../../shared/log/note-signer.ts';
import { inclusionProof, memoryHashes, treeRoot } from '../../../shared/log/proof.ts';
import { formatTlogProof, parseTlogProof, verifyTlogProof } from '../../../shared/log/tlog-proof.ts';

const origin = 'terang.local/banjarmasin';
const logSigner = signerFromSeed(origin, new Uint8Array(32).fill(1));
const entries = Array.from({ length: 7 }, (_, i) => new TextEncoder().encode(`{"index":${i},"v":1}`));
const leaves = entries.map(leafHash);

/** A checkpoint of the first `size` entries, signed by `signer`. */
function signedCheckpoint(size: number, signer: NoteSigner = logSigner, checkpointOrigin = origin): string {
  return signer.sign(formatCheckpoint({ origin: checkpointOrigin, size, root: treeRoot(leaves.slice(0, size)) }));
}

/** A signature line by `signer` over `body`, as a witness would add it. */
function cosignature(signer: NoteSigner, body: string): string {
  return signer.sign(body).slice(body.length + 1);
}

async function receipt(index: number, size: number, checkpoint = signedCheckpoint(size)): Promise<string> {
  const hashes = await inclusionProof(index, size, memoryHashes(leaves.slice(0, size)));
  return formatTlogProof({ index, hashes, checkpoint });
}

describe('formatTlogProof and parseTlogProof', () => {
  // The proof lines of the https://c2sp.org/tlog-proof example, with a checkpoint whose elided
  // signatures are replaced by real ones (the log's, then three witnesses').
  const specExtra = 'YWdlLXYxLjIuMS1kYXJ3aW4tYXJtNjQudGFyLmd6kYXJ3aW4tYXJ';
  const specHashes = [
    'gSKyXoYZUgZ6jduWYrkDOARinOMGJveXjgMkBTcdPlQ=',
    'B95lDa8R83lS8n0eG+o0buTxRKQTYFi//1U8anccXmA=',
    'EKNzoDWG8LGC0Yp9o+sv3qllpMP9uHQ9B20KNL+Q1zs=',
    'RoopEkOdqkYqMB4MJXrbt/hMjOxsVn0IrWjpz1ZMMes=',
    'AHCioX9nLjsrse6YhjRRmk1WUEirVOLLRoOQ6vfO5vk=',
  ];
  const specBody = 'example.com/fancylog\n109482\nsFodV/vSp5O8n9a8QpW6PRY97tfOSW5bsc2Xl/EQi08=\n';
  const specCheckpoint =
    generateSigner('example.com/fancylog').sign(specBody) +
    ['witness1.example', 'witness2.example', 'witness3.example']
      .map((name) => cosignature(generateSigner(name), specBody))
      .join('');

  it('writes the shape of the spec example', () => {
    // Act
    const text = formatTlogProof({
      index: 73894,
      hashes: specHashes.map(decodeBase64),
      checkpoint: specCheckpoint,
      extra: decodeBase64(specExtra),
    });
    // Assess
    expect(text).toBe(
      `c2sp.org/tlog-proof@v1\nextra ${specExtra}\nindex 73894\n${specHashes.join('\n')}\n\n${specCheckpoint}`,
    );
  });

  it('reads back the index, hashes, extra data and checkpoint of the spec example', () => {
    // Prepare
    const text = `c2sp.org/tlog-proof@v1\nextra ${specExtra}\nindex 73894\n${specHashes.join('\n')}\n\n${specCheckpoint}`;
    // Act
    const proof = parseTlogProof(text);
    // Assess
    expect(proof.index).toBe(73894);
    expect(proof.hashes.map(encodeBase64)).toEqual(specHashes);
    expect(encodeBase64(proof.extra!)).toBe(specExtra);
    expect(proof.checkpoint).toBe(specCheckpoint);
  });

  it('round-trips a proof without extra data', async () => {
    // Prepare
    const text = await receipt(2, 7);
    // Act
    const proof = parseTlogProof(text);
    // Assess
    expect(proof.extra).toBeUndefined();
    expect(text.split('\n').slice(0, 2)).toEqual(['c2sp.org/tlog-proof@v1', 'index 2']);
    expect(formatTlogProof(proof)).toBe(text);
  });

  it('round-trips the proof of a one-entry tree, which has no hashes', async () => {
    const text = await receipt(0, 1);

    const proof = parseTlogProof(text);

    expect(proof.hashes).toEqual([]);
    expect(text.startsWith('c2sp.org/tlog-proof@v1\nindex 0\n\n')).toBe(true);
  });

  it('refuses to write a hash that is not 32 bytes', () => {
    expect(() => formatTlogProof({ index: 0, hashes: [new Uint8Array(31)], checkpoint: signedCheckpoint(1) })).toThrow(
      /31 bytes/u,
    );
  });

  it('refuses to write a checkpoint that is not a signed note', () => {
    expect(() => formatTlogProof({ index: 0, hashes: [], checkpoint: 'o\n1\nroot\n' })).toThrow(/malformed note/u);
  });

  describe('rejects a proof with', () => {
    const checkpoint = signedCheckpoint(7);
    const hash = encodeBase64(leaves[0]!);
    it.each([
      ['another first line', `c2sp.org/tlog-proof@v2\nindex 0\n\n${checkpoint}`, /first line/u],
      ['no index line', `c2sp.org/tlog-proof@v1\n${hash}\n\n${checkpoint}`, /not "index <N>"/u],
      ['an index with a leading zero', `c2sp.org/tlog-proof@v1\nindex 01\n\n${checkpoint}`, /not "index <N>"/u],
      ['a negative index', `c2sp.org/tlog-proof@v1\nindex -1\n\n${checkpoint}`, /not "index <N>"/u],
      ['an index beyond 2^53 - 1', `c2sp.org/tlog-proof@v1\nindex 9007199254740992\n\n${checkpoint}`, /too large/u],
      ['extra data after the index', `c2sp.org/tlog-proof@v1\nindex 0\nextra AAAA\n\n${checkpoint}`, /line 3/u],
      ['extra data that is not base64', `c2sp.org/tlog-proof@v1\nextra !!!!\nindex 0\n\n${checkpoint}`, /extra/u],
      ['a hash that is not base64', `c2sp.org/tlog-proof@v1\nindex 0\nnot a hash\n\n${checkpoint}`, /line 3/u],
      ['a 33-byte hash', `c2sp.org/tlog-proof@v1\nindex 0\n${'A'.repeat(44)}\n\n${checkpoint}`, /33 bytes/u],
      ['no blank line before the checkpoint', `c2sp.org/tlog-proof@v1\nindex 0\n${hash}\n`, /no blank line/u],
      [
        'an unsigned checkpoint',
        `c2sp.org/tlog-proof@v1\nindex 0\n\n${formatCheckpoint({ origin, size: 7, root: leaves[0]! })}`,
        /malformed note/u,
      ],
      [
        'a note that is not a checkpoint',
        `c2sp.org/tlog-proof@v1\nindex 0\n\n${logSigner.sign('hello\n')}`,
        /want at least 3/u,
      ],
      ['an index outside the tree', `c2sp.org/tlog-proof@v1\nindex 7\n\n${checkpoint}`, /not below the tree size 7/u],
      ['too many hashes', `c2sp.org/tlog-proof@v1\nindex 0\n${`${hash}\n`.repeat(64)}\n${checkpoint}`, /more than 63/u],
    ])('%s', (_case, text, message) => {
      expect(() => parseTlogProof(text)).toThrow(message);
    });
  });
});

describe('verifyTlogProof', () => {
  it('verifies the receipt of every entry of a 7-entry tree', async () => {
    for (let index = 0; index < 7; index++) {
      // Act
      const verified = await verifyTlogProof(await receipt(index, 7), entries[index]!, logSigner.vkey, { origin });
      // Assess
      expect(verified.index).toBe(index);
      expect(verified.size).toBe(7);
      expect(verified.root).toEqual(treeRoot(leaves));
      expect(verified.origin).toBe(origin);
    }
  });

  it('returns the checkpoint body that was signed', async () => {
    const verified = await verifyTlogProof(await receipt(3, 5), entries[3]!, logSigner.vkey);

    expect(verified.checkpointBody).toBe(formatCheckpoint({ origin, size: 5, root: treeRoot(leaves.slice(0, 5)) }));
  });

  it('verifies a receipt whose checkpoint carries witness cosignatures', async () => {
    // Prepare
    const checkpoint = signedCheckpoint(7);
    const body = checkpoint.slice(0, checkpoint.indexOf('\n\n') + 1);
    const witnessed = checkpoint + cosignature(generateSigner('witness.example'), body);
    // Act
    const verified = await verifyTlogProof(await receipt(4, 7, witnessed), entries[4]!, logSigner.vkey);
    // Assess
    expect(verified.index).toBe(4);
  });

  it('returns the extra data, unauthenticated', async () => {
    // Prepare
    const hashes = await inclusionProof(1, 7, memoryHashes(leaves));
    const text = formatTlogProof({ index: 1, hashes, checkpoint: signedCheckpoint(7), extra: Uint8Array.of(1, 2) });
    // Act
    const verified = await verifyTlogProof(text, entries[1]!, logSigner.vkey);
    // Assess
    expect(verified.extra).toEqual(Uint8Array.of(1, 2));
  });

  it('rejects the receipt for other entry bytes', async () => {
    const text = await receipt(2, 7);

    await expect(verifyTlogProof(text, entries[3]!, logSigner.vkey)).rejects.toThrow(
      /inclusion proof for index 2 does not lead to the root/u,
    );
  });

  it('rejects a receipt whose index was changed', async () => {
    const moved = (await receipt(2, 7)).replace('\nindex 2\n', '\nindex 3\n');

    await expect(verifyTlogProof(moved, entries[2]!, logSigner.vkey)).rejects.toThrow(/inclusion proof/u);
  });

  it('rejects a receipt with a tampered proof hash', async () => {
    // Prepare
    const proof = parseTlogProof(await receipt(2, 7));
    const tampered = proof.hashes.map((hash, i) => (i === 0 ? hash.map((byte) => byte ^ 1) : hash));
    const text = formatTlogProof({ ...proof, hashes: tampered });
    // Act + Assess
    await expect(verifyTlogProof(text, entries[2]!, logSigner.vkey)).rejects.toThrow(/inclusion proof/u);
  });

  it('rejects a receipt with a proof hash missing', async () => {
    const proof = parseTlogProof(await receipt(2, 7));
    const text = formatTlogProof({ ...proof, hashes: proof.hashes.slice(0, -1) });

    await expect(verifyTlogProof(text, entries[2]!, logSigner.vkey)).rejects.toThrow(/inclusion proof/u);
  });

  it('rejects a receipt whose checkpoint is signed by another key', async () => {
    const forged = await receipt(2, 7, signedCheckpoint(7, generateSigner(origin)));

    await expect(verifyTlogProof(forged, entries[2]!, logSigner.vkey)).rejects.toThrow(/not signed by any known key/u);
  });

  it('rejects a receipt whose checkpoint root was changed after signing', async () => {
    // Prepare: the signed checkpoint of 7 entries, re-labelled as the tree of 6 entries.
    const signed = signedCheckpoint(7);
    const relabelled = signed.replace(`\n7\n`, '\n6\n');
    // Act + Assess
    await expect(verifyTlogProof(await receipt(2, 6, relabelled), entries[2]!, logSigner.vkey)).rejects.toThrow(
      /invalid signature/u,
    );
  });

  it('rejects a receipt from a log with another origin', async () => {
    const otherLog = signerFromSeed('terang.local/banjarbaru', new Uint8Array(32).fill(2));
    const text = await receipt(2, 7, signedCheckpoint(7, otherLog, 'terang.local/banjarbaru'));

    await expect(verifyTlogProof(text, entries[2]!, otherLog.vkey, { origin })).rejects.toThrow(
      /origin "terang.local\/banjarbaru" is not "terang.local\/banjarmasin"/u,
    );
  });

  it('rejects a malformed receipt', async () => {
    await expect(verifyTlogProof('c2sp.org/tlog-proof@v1\n', entries[0]!, logSigner.vkey)).rejects.toThrow(
      /malformed tlog-proof/u,
    );
  });
});
