import { type CfnElement, DefaultStackSynthesizer, type Stack, Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

import type { EvidenceBucket } from './constructs/evidence-bucket.ts';
import type { LedgerTable } from './constructs/ledger-table.ts';
import type { LogSequencer } from './constructs/log-sequencer.ts';
import type { PublicLog } from './constructs/public-log.ts';
import type { PublicSite } from './constructs/public-site.ts';
import type { RegistryKeys } from './constructs/registry-keys.ts';
import type { TerangHttpApi } from './constructs/terang-http-api.ts';
import type { UserDirectory } from './constructs/user-directory.ts';

/** The parts of the Terang stack that carry accepted findings. */
export interface NaggedStack extends Stack {
  readonly table: LedgerTable;
  readonly users: UserDirectory;
  readonly api: TerangHttpApi;
  readonly site: PublicSite;
  readonly registryKeys: RegistryKeys;
  readonly evidence: EvidenceBucket;
  readonly publicLog: PublicLog;
  readonly logSequencer: LogSequencer;
}

/**
 * Every cdk-nag (AwsSolutions) finding Terang accepts, each with the reason it is accepted.
 * cdk-nag 3 acknowledges one finding id at a time (`Rule[finding]`), so the ids are spelled out.
 * Anything not listed here fails `cdk synth`.
 */
export function applyNagSuppressions(stack: NaggedStack): void {
  acknowledgeFunctionRoles(stack);
  acknowledgeEvidenceUploads(stack);
  acknowledgePublicLogAccess(stack);
  acknowledgeLogSigningKey(stack);
  acknowledgePublicRoutes(stack);
  acknowledgeUserPool(stack);
  acknowledgePseudonymKey(stack);
  acknowledgeDistribution(stack);
  acknowledgeSiteDeploymentHandler(stack);
}

const xrayReason =
  'Active X-Ray tracing needs xray:PutTraceSegments and xray:PutTelemetryRecords, which support no resource-level permissions.';

function acknowledgeFunctionRoles(stack: NaggedStack): void {
  const tableLogicalId = stack.getLogicalId(stack.table.node.defaultChild as CfnElement);
  const functions = [
    ...stack.api.endpoints.map(({ handler }) => ({ handler, wildcardReason: xrayReason })),
    {
      handler: stack.logSequencer.handler,
      wildcardReason: `${xrayReason} The same holds for dynamodb:ListStreams, which Lambda's poller needs for the ledger table's stream; it returns stream ARNs, no data.`,
    },
  ];
  for (const { handler, wildcardReason } of functions) {
    if (!handler.role) continue;
    Validations.of(handler.role).acknowledge(
      { id: 'AwsSolutions-IAM5[Resource::*]', reason: wildcardReason },
      {
        id: `AwsSolutions-IAM5[Resource::<${tableLogicalId}.Arn>/index/*]`,
        reason:
          "The table grant extends to this one table's secondary indexes (gsi1), which the handlers query; no other table is reachable.",
      },
    );
  }
}

function acknowledgeEvidenceUploads(stack: NaggedStack): void {
  const bucketLogicalId = stack.getLogicalId(stack.evidence.bucket.node.defaultChild as CfnElement);
  for (const { route, handler } of stack.api.endpoints) {
    if (route.bucket !== 'evidence' || !handler.role) continue;
    Validations.of(handler.role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${bucketLogicalId}.Arn>/evidence/*]`,
      reason:
        'Evidence objects are keyed by the SHA-256 of their bytes, known only when a file is uploaded. The grant is s3:PutObject alone (no read, list or delete), on the evidence/ prefix of this one bucket, which is private, versioned and under Object Lock.',
    });
  }
}

function acknowledgePublicLogAccess(stack: NaggedStack): void {
  const finding = `AwsSolutions-IAM5[Resource::<${stack.getLogicalId(stack.publicLog.bucket.node.defaultChild as CfnElement)}.Arn>/log/*]`;
  const tileKeys =
    'Tile and entry-bundle keys (tile/<L>/<N>[.p/<W>], tile/entries/<N>) grow with the log and cannot be listed in advance; the grant is limited to the log/ prefix of this one bucket, which holds nothing but the public log.';
  for (const { route, handler } of stack.api.endpoints) {
    if (route.bucket !== 'log' || !handler.role) continue;
    Validations.of(handler.role).acknowledge({
      id: finding,
      reason: `${tileKeys} On objects the grant is s3:GetObject alone (ListBucket, on the bucket, only turns a missing tile into a 404): the route reads published tiles and the checkpoint to build a receipt.`,
    });
  }
  if (!stack.logSequencer.handler.role) return;
  Validations.of(stack.logSequencer.handler.role).acknowledge({
    id: finding,
    reason: `${tileKeys} The sequencer may get and put objects there, never delete them; the bucket is versioned, and any rewritten tile would break every published checkpoint, which verifiers detect.`,
  });
}

function acknowledgePublicRoutes(stack: NaggedStack): void {
  for (const { route, httpRoute } of stack.api.endpoints) {
    // A public route that can write is not acknowledged on purpose: it must fail synth until reviewed.
    if (route.auth !== 'none' || route.tableAccess !== 'read') continue;
    Validations.of(httpRoute).acknowledge({
      id: 'AwsSolutions-APIG4',
      reason: `${route.method} ${route.path} is public by design (auth 'none' in functions/routes.ts): the transparency report and health check are for anyone without an account. The handler only reads, and stage throttling caps abuse.`,
    });
  }
}

function acknowledgeUserPool(stack: NaggedStack): void {
  Validations.of(stack.users.userPool).acknowledge({
    id: 'AwsSolutions-COG2',
    reason:
      'MFA is optional: TOTP is offered to every user, but company and BAZNAS staff are onboarded without an authenticator app. Plus-tier threat protection (full function) blocks risky sign-ins meanwhile. Revisit: require MFA for admin and treasurer.',
  });
}

function acknowledgePseudonymKey(stack: NaggedStack): void {
  Validations.of(stack.registryKeys.pseudonymSecret).acknowledge({
    id: 'AwsSolutions-SMG4',
    reason:
      'The pseudonym key must not rotate automatically: every public household pseudonym is an HMAC under it, so a new key would rename every family and break every published allocation and receipt. Re-keying is a deliberate migration, not a schedule.',
  });
}

function acknowledgeLogSigningKey(stack: NaggedStack): void {
  Validations.of(stack.publicLog.signingSecret).acknowledge({
    id: 'AwsSolutions-SMG4',
    reason:
      "The log's signing key must not rotate automatically: every verifier pins its public key (the verifier key), so a new key would make every monitor reject the log's checkpoints. Moving to a new key is a deliberate, announced transition, not a schedule.",
  });
}

function acknowledgeDistribution(stack: NaggedStack): void {
  Validations.of(stack.site.distribution).acknowledge(
    {
      id: 'AwsSolutions-CFR1',
      reason:
        'The transparency site is public on purpose: donors, auditors and Indonesians abroad must reach it; geo restriction would defeat it.',
    },
    {
      id: 'AwsSolutions-CFR2',
      reason:
        'No WAF for the pilot: a web ACL adds a fixed monthly cost; the API stage is throttled, static content is cached at the edge and sign-in is guarded by Cognito threat protection. Revisit before a wider launch.',
    },
    {
      id: 'AwsSolutions-CFR4',
      reason:
        'The distribution uses the default *.cloudfront.net certificate, for which CloudFront fixes the minimum protocol; TLSv1.2_2021 is set when the custom domain and its ACM certificate arrive.',
    },
  );
}

/** The Lambda behind BucketDeployment is created and configured by aws-cdk-lib, not by us. */
function acknowledgeSiteDeploymentHandler(stack: NaggedStack): void {
  const deploymentHandlers = stack.node.children.filter((child: IConstruct) =>
    child.node.id.startsWith('Custom::CDKBucketDeployment'),
  );
  if (deploymentHandlers.length === 0) return;

  const qualifier: unknown = stack.node.tryGetContext('@aws-cdk/core:bootstrapQualifier');
  const assetBucket = `cdk-${typeof qualifier === 'string' ? qualifier : DefaultStackSynthesizer.DEFAULT_QUALIFIER}-assets-<AWS::AccountId>-<AWS::Region>`;
  const siteBucketLogicalId = stack.getLogicalId(stack.site.siteBucket.node.defaultChild as CfnElement);
  const grantedByBucketDeployment =
    "Granted by aws-cdk-lib's BucketDeployment: read the CDK asset bucket, then list, write and prune objects in this site's bucket only.";

  for (const handler of deploymentHandlers) {
    Validations.of(handler).acknowledge(
      {
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        reason:
          "BucketDeployment's handler role is built by aws-cdk-lib with this logging-only managed policy; it cannot be swapped.",
      },
      { id: 'AwsSolutions-IAM5[Action::s3:GetBucket*]', reason: grantedByBucketDeployment },
      { id: 'AwsSolutions-IAM5[Action::s3:GetObject*]', reason: grantedByBucketDeployment },
      { id: 'AwsSolutions-IAM5[Action::s3:List*]', reason: grantedByBucketDeployment },
      { id: 'AwsSolutions-IAM5[Action::s3:Abort*]', reason: grantedByBucketDeployment },
      { id: 'AwsSolutions-IAM5[Action::s3:DeleteObject*]', reason: grantedByBucketDeployment },
      {
        id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::${assetBucket}/*]`,
        reason: grantedByBucketDeployment,
      },
      { id: `AwsSolutions-IAM5[Resource::<${siteBucketLogicalId}.Arn>/*]`, reason: grantedByBucketDeployment },
      {
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason:
          'BucketDeployment invalidates the distribution after upload; cloudfront:CreateInvalidation is granted on * by aws-cdk-lib.',
      },
      {
        id: 'AwsSolutions-L1',
        reason: "The BucketDeployment handler's runtime is pinned by aws-cdk-lib and moves with library upgrades.",
      },
    );
  }
}
