import { RemovalPolicy } from 'aws-cdk-lib';
import type { IGrantable } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';

import { handlerEnvironment } from '../../functions/routes.ts';

/**
 * The household registry's keys: a KMS key that wraps the data keys sealing NIK, KK, name and
 * address (envelope encryption), and the secret pseudonym key (hex) that names households in public.
 * Both are retained: without them the registry can be neither read nor matched again.
 */
export class RegistryKeys extends Construct {
  public readonly masterKey: Key;
  public readonly pseudonymSecret: Secret;

  public constructor(scope: Construct, id: string) {
    super(scope, id);
    this.masterKey = new Key(this, 'MasterKey', {
      description: 'Terang: wraps the data keys of the household registry',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.pseudonymSecret = new Secret(this, 'PseudonymKey', {
      description: 'Terang: HMAC key for household pseudonyms (64 hex characters)',
      // Only 0-9 and a-f remain: a 256-bit key written as hex.
      generateSecretString: {
        passwordLength: 64,
        excludeUppercase: true,
        excludePunctuation: true,
        includeSpace: false,
        excludeCharacters: 'ghijklmnopqrstuvwxyz',
      },
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }

  /** What a function that imports or reads the registry needs: environment and grants. */
  public environmentFor(grantee: IGrantable): Record<string, string> {
    this.masterKey.grant(grantee, 'kms:GenerateDataKey', 'kms:Decrypt');
    this.pseudonymSecret.grantRead(grantee);
    return {
      [handlerEnvironment.registryKmsKeyId]: this.masterKey.keyArn,
      [handlerEnvironment.pseudonymSecretArn]: this.pseudonymSecret.secretArn,
    };
  }
}
