/**
 * Envelope encryption's port: a fresh data key per import, wrapped by a master key the store never
 * sees (AWS KMS on AWS, a local key file in local mode). Only the wrapped key is stored.
 */
export interface DataKey {
  readonly plaintext: Uint8Array;
  /** The data key encrypted under the master key, as stored next to the ciphertexts. */
  readonly wrapped: string;
  /** Which master key wrapped it (KMS key ARN, or `local:<fingerprint>`). */
  readonly masterKeyId: string;
}

export interface DataKeyProvider {
  generateDataKey(): Promise<DataKey>;
  unwrapDataKey(wrapped: string, masterKeyId: string): Promise<Uint8Array>;
}
