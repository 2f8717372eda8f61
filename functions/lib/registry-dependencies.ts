import { join } from 'node:path';

import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { KMSClient } from '@aws-sdk/client-kms';

import { handlerEnvironment } from '../../shared/environment.ts';
import { KmsDataKeyProvider } from '../../shared/keys/kms-data-keys.ts';
import { LocalDataKeyProvider } from '../../shared/keys/local-data-keys.ts';
import { localPseudonymKey } from '../../shared/keys/pseudonym-key.ts';
import { banjarmasinRegions } from '../../shared/regions/banjarmasin-kelurahan.ts';
import type { RegistryImportDependencies } from '../../shared/registry/import-households.ts';
import { parsePseudonymKey } from '../../shared/registry/pseudonym.ts';
import { registry } from './registry-store.ts';

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
}

async function awsDependencies(): Promise<Pick<RegistryImportDependencies, 'dataKeys' | 'pseudonymKey'>> {
  const secret = await new SecretsManagerClient({}).send(
    new GetSecretValueCommand({ SecretId: required(handlerEnvironment.pseudonymSecretArn) }),
  );
  return {
    dataKeys: new KmsDataKeyProvider(new KMSClient({}), required(handlerEnvironment.registryKmsKeyId)),
    pseudonymKey: parsePseudonymKey(secret.SecretString ?? ''),
  };
}

async function localDependencies(): Promise<Pick<RegistryImportDependencies, 'dataKeys' | 'pseudonymKey'>> {
  const directory = required(handlerEnvironment.localKeyDirectory);
  return {
    dataKeys: await LocalDataKeyProvider.open(join(directory, 'registry-master.key')),
    pseudonymKey: await localPseudonymKey(join(directory, 'pseudonym.key')),
  };
}

let dependencies: Promise<RegistryImportDependencies> | undefined;

/**
 * The registry's keys and store, resolved once per container: KMS and Secrets Manager on AWS, key
 * files in local mode (chosen by TERANG_LOCAL_KEY_DIR, which only the local runtime sets).
 */
export function registryDependencies(): Promise<RegistryImportDependencies> {
  dependencies ??= (async () => {
    const keys = process.env[handlerEnvironment.localKeyDirectory]
      ? await localDependencies()
      : await awsDependencies();
    return { ...keys, registry, city: banjarmasinRegions };
  })();
  return dependencies;
}
