import { randomBytes } from 'node:crypto';
import { join } from 'node:path';

import { S3Client } from '@aws-sdk/client-s3';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';

import { handlerEnvironment } from '../environment.ts';
import { readOrCreateOnce } from '../keys/create-once.ts';
import { seedFromSecret, signerFromSeed, signerFromSkey } from '../log/note-signer.ts';
import type { CheckpointSigner, LogFiles } from '../log/sequencer/ports.ts';
import { LocalDirectoryLogFiles } from './local-directory-log-files.ts';
import { S3LogFiles } from './s3-log-files.ts';

/** The default origin off AWS; on AWS the stack sets TERANG_LOG_ORIGIN. */
export const localLogOrigin = 'terang.local/banjarmasin';

/** The log's files: a local directory when TERANG_LOCAL_LOG_DIR is set, else the bucket CDK names. */
export function logFilesFromEnvironment(environment: NodeJS.ProcessEnv = process.env): LogFiles {
  const directory = environment[handlerEnvironment.localLogDirectory];
  if (directory) return new LocalDirectoryLogFiles(directory);
  const bucket = environment[handlerEnvironment.logBucket];
  if (!bucket) {
    throw new Error(`neither ${handlerEnvironment.localLogDirectory} nor ${handlerEnvironment.logBucket} is set`);
  }
  return new S3LogFiles(new S3Client({}), bucket);
}

/**
 * The checkpoint signing key. On AWS the Ed25519 seed is SHA-256 of a Secrets Manager secret that
 * CloudFormation generated; locally it is a key file in the Go note format, created on first use.
 */
export async function checkpointSignerFromEnvironment(
  environment: NodeJS.ProcessEnv = process.env,
): Promise<CheckpointSigner> {
  const origin = environment[handlerEnvironment.logOrigin] ?? localLogOrigin;
  const secretArn = environment[handlerEnvironment.logSigningSecretArn];
  if (secretArn) {
    const { SecretString } = await new SecretsManagerClient({}).send(
      new GetSecretValueCommand({ SecretId: secretArn }),
    );
    if (!SecretString) throw new Error('the log signing secret is empty');
    return withOrigin(signerFromSeed(origin, seedFromSecret(SecretString)), origin);
  }
  const keyDirectory = environment[handlerEnvironment.localKeyDirectory];
  if (!keyDirectory) {
    throw new Error(
      `neither ${handlerEnvironment.logSigningSecretArn} nor ${handlerEnvironment.localKeyDirectory} is set`,
    );
  }
  const skey = await readOrCreateOnce(
    join(keyDirectory, 'log-signing.key'),
    () => signerFromSeed(origin, new Uint8Array(randomBytes(32))).skey,
  );
  return withOrigin(signerFromSkey(skey.trim()), origin);
}

function withOrigin(signer: ReturnType<typeof signerFromSeed>, origin: string): CheckpointSigner {
  if (signer.name !== origin) throw new Error(`the log signing key is named ${signer.name}, not ${origin}`);
  return { origin, vkey: signer.vkey, sign: (body) => signer.sign(body) };
}
