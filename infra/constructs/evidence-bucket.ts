import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { type IGrantable, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Bucket, ObjectLockRetention } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';

import { privateBucket } from './private-bucket.ts';

import { handlerEnvironment } from '../../functions/routes.ts';

/** Indonesian bookkeeping records are kept for ten years (UU KUP, Pasal 28 ayat 11). */
export const evidenceRetention = Duration.days(10 * 365);

/** Object keys the upload function writes: `evidence/<sha256>` (shared/evidence/evidence-key.ts). */
export const evidenceKeyPattern = 'evidence/*';

/**
 * Evidence of payments (receipts, transfer slips, handover records), stored by the SHA-256 of
 * their bytes. Private: only the hash is ever public. Write-once in practice: versioned, under
 * Object Lock (governance mode, ten years) so no one edits or deletes a proof by accident, and
 * retained with the stack. Access is logged to a bucket of its own, kept longer than the site's
 * logs because they are part of the audit trail of who handled the evidence.
 */
export class EvidenceBucket extends Construct {
  public readonly bucket: Bucket;
  public readonly accessLogs: Bucket;

  public constructor(scope: Construct, id: string) {
    super(scope, id);

    this.accessLogs = new Bucket(this, 'AccessLogs', {
      ...privateBucket,
      lifecycleRules: [{ expiration: Duration.days(2 * 365) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.bucket = new Bucket(this, 'Bucket', {
      ...privateBucket,
      versioned: true,
      objectLockEnabled: true,
      objectLockDefaultRetention: ObjectLockRetention.governance(evidenceRetention),
      serverAccessLogsBucket: this.accessLogs,
      serverAccessLogsPrefix: 'evidence-bucket/',
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }

  /**
   * What a function that uploads evidence needs: PutObject on the evidence prefix (nothing to
   * read, list or delete) and the bucket's name.
   */
  public environmentFor(grantee: IGrantable): Record<string, string> {
    grantee.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({ actions: ['s3:PutObject'], resources: [this.bucket.arnForObjects(evidenceKeyPattern)] }),
    );
    return { [handlerEnvironment.evidenceBucket]: this.bucket.bucketName };
  }
}
