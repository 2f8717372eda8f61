import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { LocalDataKeyProvider } from '../../shared/keys/local-data-keys.ts';

async function keyFile(): Promise<string> {
  return join(await mkdtemp(join(tmpdir(), 'terang-keys-')), 'master.key');
}

describe('local data keys (the KMS stand-in)', () => {
  it('unwraps the data key it generated', async () => {
    const provider = await LocalDataKeyProvider.open(await keyFile());

    const dataKey = await provider.generateDataKey();

    expect(Buffer.from(await provider.unwrapDataKey(dataKey.wrapped, dataKey.masterKeyId))).toEqual(
      Buffer.from(dataKey.plaintext),
    );
  });

  it('keeps the same master key across restarts', async () => {
    const path = await keyFile();
    const dataKey = await (await LocalDataKeyProvider.open(path)).generateDataKey();

    const reopened = await LocalDataKeyProvider.open(path);

    expect(Buffer.from(await reopened.unwrapDataKey(dataKey.wrapped, dataKey.masterKeyId))).toEqual(
      Buffer.from(dataKey.plaintext),
    );
  });

  it('cannot unwrap a data key wrapped by another master key', async () => {
    const dataKey = await (await LocalDataKeyProvider.open(await keyFile())).generateDataKey();
    const other = await LocalDataKeyProvider.open(await keyFile());

    await expect(other.unwrapDataKey(dataKey.wrapped, dataKey.masterKeyId)).rejects.toThrow();
  });

  it('never stores the data key in the clear', async () => {
    const dataKey = await (await LocalDataKeyProvider.open(await keyFile())).generateDataKey();

    expect(Buffer.from(dataKey.wrapped, 'base64').includes(Buffer.from(dataKey.plaintext))).toBe(false);
  });
});
