import { Duration, RemovalPolicy, Token } from 'aws-cdk-lib';
import { type IGrantable, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Bucket, HttpMethods } from 'aws-cdk-lib/aws-s3';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';

import { privateBucket } from './private-bucket.ts';

import { handlerEnvironment } from '../../functions/routes.ts';

/**
 * Every object of the public log lives under this key prefix, so CloudFront can serve the bucket
 * as it is: `/log/checkpoint` is the key `log/checkpoint`, `/log/tile/0/005` the key `log/tile/0/005`.
 */
export const logKeyPrefix = 'log/';

/** The keys the sequencer writes and the receipt routes read. */
export const logObjectsPattern = `${logKeyPrefix}*`;

/** Until a deployment names its own: the log's origin line and the name of its signing key. */
export const defaultLogOrigin = 'terang.example/banjarmasin';

export interface PublicLogProps {
  /**
   * The log's origin (C2SP tlog-checkpoint), which also names its signing key (C2SP signed-note):
   * a schema-less URL without spaces or `+`.
   */
  readonly origin: string;
}

/**
 * Storage and key of the public verifiable log of the ledger (C2SP tlog-tiles): the bucket the
 * sequencer publishes tiles, entry bundles and the signed checkpoint to, and the secret its Ed25519
 * signing key is derived from. Nothing deploys into the bucket: only the sequencer writes it, and the
 * site's deployment targets another bucket, so a site release can never prune the log. Anyone reads
 * it through CloudFront (see PublicSite); the bucket itself stays private. Bucket and secret are
 * retained: a log that loses its tiles or its key can no longer prove anything it published.
 */
export class PublicLog extends Construct {
  public readonly origin: string;
  public readonly bucket: Bucket;
  public readonly accessLogs: Bucket;
  /** Its SHA-256 is the Ed25519 seed (64 letters and digits: far more than 256 bits of entropy). */
  public readonly signingSecret: Secret;

  public constructor(scope: Construct, id: string, props: PublicLogProps) {
    super(scope, id);
    this.origin = validLogOrigin(props.origin);

    this.accessLogs = new Bucket(this, 'AccessLogs', {
      ...privateBucket,
      // Readers are logged by CloudFront already; these show who wrote what, and the log proves the rest.
      lifecycleRules: [{ expiration: Duration.days(365) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.bucket = new Bucket(this, 'Bucket', {
      ...privateBucket,
      // Full tiles are never rewritten; versions recover one that a bug overwrote or deleted.
      versioned: true,
      // The checkpoint and partial tiles are replaced on every batch; their old versions need not pile up.
      lifecycleRules: [{ noncurrentVersionExpiration: Duration.days(90) }],
      // Verifiers run in browsers on other sites. Simple GETs get their CORS headers from CloudFront;
      // this answers preflights that CloudFront passes through.
      cors: [
        {
          allowedMethods: [HttpMethods.GET, HttpMethods.HEAD],
          allowedOrigins: ['*'],
          allowedHeaders: ['*'],
          maxAge: Duration.days(1).toSeconds(),
        },
      ],
      serverAccessLogsBucket: this.accessLogs,
      serverAccessLogsPrefix: 'log-bucket/',
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.signingSecret = new Secret(this, 'SigningKey', {
      description: "Terang: the public log's Ed25519 signing seed is the SHA-256 of this string",
      generateSecretString: { passwordLength: 64, excludePunctuation: true, includeSpace: false },
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }

  /**
   * What a function that reads the log (receipts, the public ledger listing) needs: GetObject on the
   * log's keys, ListBucket so a missing tile reads as missing (404) rather than forbidden, the
   * bucket's name and the log's origin. Nothing to write, nothing to sign with.
   */
  public readerEnvironmentFor(grantee: IGrantable): Record<string, string> {
    grantee.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({ actions: ['s3:GetObject'], resources: [this.bucket.arnForObjects(logObjectsPattern)] }),
    );
    grantee.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({ actions: ['s3:ListBucket'], resources: [this.bucket.bucketArn] }),
    );
    return {
      [handlerEnvironment.logBucket]: this.bucket.bucketName,
      [handlerEnvironment.logOrigin]: this.origin,
    };
  }

  /**
   * What the sequencer needs on top of reading: PutObject on the log's keys (no delete: tiles are
   * only ever added or, for partial tiles and the checkpoint, replaced) and the signing secret.
   */
  public publisherEnvironmentFor(grantee: IGrantable): Record<string, string> {
    const environment = this.readerEnvironmentFor(grantee);
    grantee.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({ actions: ['s3:PutObject'], resources: [this.bucket.arnForObjects(logObjectsPattern)] }),
    );
    this.signingSecret.grantRead(grantee);
    return { ...environment, [handlerEnvironment.logSigningSecretArn]: this.signingSecret.secretArn };
  }
}

/**
 * C2SP signed-note key names and tlog-checkpoint origins: non-empty, no Unicode space and no `+`
 * (which separates the fields of a verifier key).
 */
function validLogOrigin(origin: string): string {
  if (Token.isUnresolved(origin)) return origin;
  if (!/^[^\s+]+$/u.test(origin)) {
    throw new Error(`The log origin must be non-empty, without spaces or "+": got ${JSON.stringify(origin)}`);
  }
  return origin;
}
