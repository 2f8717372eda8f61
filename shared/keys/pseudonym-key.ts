import { randomBytes } from 'node:crypto';

import { parsePseudonymKey } from '../registry/pseudonym.ts';
import { readOrCreateOnce } from './create-once.ts';

/**
 * The registry's pseudonym key (HMAC of NIK). Losing it would rename every household, so in
 * local mode it is created once and kept in a file; on AWS it lives in Secrets Manager.
 */
export async function localPseudonymKey(path: string): Promise<Uint8Array> {
  return parsePseudonymKey((await readOrCreateOnce(path, () => randomBytes(32).toString('hex'))).trim());
}
