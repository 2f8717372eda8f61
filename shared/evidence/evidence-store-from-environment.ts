import { S3Client } from '@aws-sdk/client-s3';

import type { EvidenceStore } from '../disbursements/ports.ts';
import { handlerEnvironment } from '../environment.ts';
import { LocalDirectoryEvidenceStore } from './local-directory-evidence-store.ts';
import { S3EvidenceStore } from './s3-evidence-store.ts';

/**
 * The evidence store the environment names: a local directory when TERANG_LOCAL_EVIDENCE_DIR is
 * set (only the local runtime and the tests set it), else the S3 bucket CDK hands the function.
 */
export function evidenceStoreFromEnvironment(environment: NodeJS.ProcessEnv = process.env): EvidenceStore {
  const directory = environment[handlerEnvironment.localEvidenceDirectory];
  if (directory) return new LocalDirectoryEvidenceStore(directory);
  const bucket = environment[handlerEnvironment.evidenceBucket];
  if (!bucket) {
    throw new Error(
      `neither ${handlerEnvironment.localEvidenceDirectory} nor ${handlerEnvironment.evidenceBucket} is set`,
    );
  }
  return new S3EvidenceStore(new S3Client({}), bucket);
}
