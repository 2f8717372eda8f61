import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

import type { DataKey, DataKeyProvider } from '../registry/data-keys.ts';
import { readOrCreateOnce } from './create-once.ts';

async function loadOrCreateMasterKey(path: string): Promise<Buffer> {
  const hex = await readOrCreateOnce(path, () => randomBytes(32).toString('hex'));
  return Buffer.from(hex.trim(), 'hex');
}

/**
 * Local mode's stand-in for AWS KMS: a 256-bit master key in a file (under .data/), which wraps each data key with
 * AES-256-GCM. Losing the file makes the local registry's personal data unreadable, as losing a KMS
 * key would.
 */
export class LocalDataKeyProvider implements DataKeyProvider {
  private constructor(
    private readonly masterKey: Buffer,
    readonly masterKeyId: string,
  ) {}

  static async open(path: string): Promise<LocalDataKeyProvider> {
    const masterKey = await loadOrCreateMasterKey(path);
    const fingerprint = createHash('sha256').update(masterKey).digest('hex').slice(0, 16);
    return new LocalDataKeyProvider(masterKey, `local:${fingerprint}`);
  }

  async generateDataKey(): Promise<DataKey> {
    const plaintext = randomBytes(32);
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.masterKey, iv);
    const wrappedKey = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    const wrapped = Buffer.concat([iv, cipher.getAuthTag(), wrappedKey]).toString('base64');
    return { plaintext, wrapped, masterKeyId: this.masterKeyId };
  }

  async unwrapDataKey(wrapped: string, masterKeyId: string): Promise<Uint8Array> {
    if (masterKeyId !== this.masterKeyId)
      throw new Error(`data key was wrapped by ${masterKeyId}, not ${this.masterKeyId}`);
    const bytes = Buffer.from(wrapped, 'base64');
    const decipher = createDecipheriv('aes-256-gcm', this.masterKey, bytes.subarray(0, 12));
    decipher.setAuthTag(bytes.subarray(12, 28));
    return Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]);
  }
}
