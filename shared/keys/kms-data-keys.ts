import { DecryptCommand, GenerateDataKeyCommand, KMSClient } from '@aws-sdk/client-kms';

import type { DataKey, DataKeyProvider } from '../registry/data-keys.ts';

/** Envelope encryption with AWS KMS: the master key never leaves KMS, only data keys do. */
export class KmsDataKeyProvider implements DataKeyProvider {
  constructor(
    private readonly client: KMSClient,
    private readonly keyId: string,
  ) {}

  async generateDataKey(): Promise<DataKey> {
    const response = await this.client.send(new GenerateDataKeyCommand({ KeyId: this.keyId, KeySpec: 'AES_256' }));
    if (!response.Plaintext || !response.CiphertextBlob || !response.KeyId) throw new Error('KMS returned no data key');
    return {
      plaintext: response.Plaintext,
      wrapped: Buffer.from(response.CiphertextBlob).toString('base64'),
      masterKeyId: response.KeyId,
    };
  }

  async unwrapDataKey(wrapped: string, masterKeyId: string): Promise<Uint8Array> {
    const response = await this.client.send(
      new DecryptCommand({ KeyId: masterKeyId, CiphertextBlob: Buffer.from(wrapped, 'base64') }),
    );
    if (!response.Plaintext) throw new Error('KMS could not unwrap the data key');
    return response.Plaintext;
  }
}
