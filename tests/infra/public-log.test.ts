import type { CfnElement } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { OriginRequestPolicy } from 'aws-cdk-lib/aws-cloudfront';
import { describe, expect, it } from 'vitest';

import { routes, type RouteDefinition } from '../../functions/routes.ts';
import { sequencerFilters } from '../../infra/constructs/log-sequencer.ts';
import { defaultLogOrigin } from '../../infra/constructs/public-log.ts';
import { logPathPattern } from '../../infra/constructs/public-site.ts';
import { keys } from '../../shared/dynamodb/keys.ts';
import { handlerEnvironment } from '../../shared/environment.ts';
import { buildTerangStack } from './build-terang-stack.ts';

type Resource = { readonly Properties: Record<string, any> } & Record<string, any>;
type Statement = { readonly Action: string | string[]; readonly Resource: unknown } & Record<string, unknown>;

const { stack } = buildTerangStack();
const template = Template.fromStack(stack);
const resources = template.toJSON()['Resources'] as Record<string, Resource>;

const logicalId = (construct: { node: { defaultChild?: unknown } }) =>
  stack.getLogicalId(construct.node.defaultChild as CfnElement);
const bucketId = logicalId(stack.publicLog.bucket);
const accessLogsId = logicalId(stack.publicLog.accessLogs);
const secretId = logicalId(stack.publicLog.signingSecret);
const tableId = logicalId(stack.table);
const sequencerId = logicalId(stack.logSequencer.handler);
const distributionId = logicalId(stack.site.distribution);

const bucket = resources[bucketId] as Resource;
const sequencer = resources[sequencerId] as Resource;
const logObjects = { 'Fn::Join': ['', [{ 'Fn::GetAtt': [bucketId, 'Arn'] }, '/log/*']] };

const logRoutes = routes.filter((route) => route.bucket === 'log');
const otherRoutes = routes.filter((route) => route.bucket !== 'log');

function ofType(type: string): Resource[] {
  return Object.values(resources).filter((resource) => resource['Type'] === type);
}

function routeLambda(route: RouteDefinition): Resource {
  const found = ofType('AWS::Lambda::Function').filter(
    (resource) => resource.Properties['Description'] === `${route.method} ${route.path}`,
  );
  expect(found).toHaveLength(1);
  return found[0] as Resource;
}

/** Every statement of the policies attached to a function's role. */
function statementsOf(lambda: Resource): Statement[] {
  const roleId = lambda.Properties['Role']['Fn::GetAtt'][0] as string;
  return ofType('AWS::IAM::Policy')
    .filter((policy) => JSON.stringify(policy.Properties['Roles']).includes(roleId))
    .flatMap((policy) => policy.Properties['PolicyDocument'].Statement as Statement[]);
}

function actionsOn(lambda: Resource, resource: string): string[] {
  return statementsOf(lambda)
    .filter((statement) => JSON.stringify(statement.Resource).includes(resource))
    .flatMap((statement) => [statement.Action].flat())
    .sort();
}

function distributionConfig(): Record<string, any> {
  return (resources[distributionId] as Resource).Properties['DistributionConfig'] as Record<string, any>;
}

function logBehaviour(): Record<string, any> {
  const behaviours = distributionConfig()['CacheBehaviors'] as Record<string, any>[];
  const found = behaviours.filter((behaviour) => behaviour['PathPattern'] === logPathPattern);
  expect(found).toHaveLength(1);
  return found[0]!;
}

function resourceBehind(reference: unknown): Resource {
  const id = (reference as { Ref: string }).Ref;
  return resources[id] as Resource;
}

function eventSourceMapping(): Resource {
  const mappings = ofType('AWS::Lambda::EventSourceMapping');
  expect(mappings).toHaveLength(1);
  return mappings[0]!;
}

/**
 * The subset of Lambda event filtering the sequencer uses: a list of exact values, or `{ prefix }`,
 * at the leaves of the pattern. Records are matched as Lambda matches them, before the handler runs.
 */
function matches(pattern: unknown, value: unknown): boolean {
  if (Array.isArray(pattern)) {
    return pattern.some((rule: unknown) =>
      typeof rule === 'object' && rule !== null && 'prefix' in rule
        ? typeof value === 'string' && value.startsWith(String(rule.prefix))
        : rule === value,
    );
  }
  if (typeof value !== 'object' || value === null) return false;
  return Object.entries(pattern as Record<string, unknown>).every(([key, inner]) =>
    matches(inner, (value as Record<string, unknown>)[key]),
  );
}

function reachesSequencer(eventName: string, key: { pk: string; sk: string }): boolean {
  const record = { eventName, dynamodb: { Keys: { pk: { S: key.pk }, sk: { S: key.sk } } } };
  const patterns = (eventSourceMapping().Properties['FilterCriteria'].Filters as { Pattern: string }[]).map(
    (filter) => JSON.parse(filter.Pattern) as unknown,
  );
  return patterns.some((pattern) => matches(pattern, record));
}

describe('the public log bucket', () => {
  it('blocks every kind of public access and disables ACLs', () => {
    expect(bucket.Properties).toMatchObject({
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
    });
  });

  it('encrypts the log at rest with S3-managed keys', () => {
    expect(bucket.Properties['BucketEncryption']).toEqual({
      ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
    });
  });

  it('versions objects, so an overwritten or deleted tile can be restored', () => {
    expect(bucket.Properties['VersioningConfiguration']).toEqual({ Status: 'Enabled' });
  });

  it('keeps the log and its access logs when the stack is deleted or the bucket replaced', () => {
    expect(bucket).toMatchObject({ DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
    expect(resources[accessLogsId]).toMatchObject({ DeletionPolicy: 'Retain' });
  });

  it('logs every access into a log bucket of its own', () => {
    expect(bucket.Properties['LoggingConfiguration']).toEqual({
      DestinationBucketName: { Ref: accessLogsId },
      LogFilePrefix: 'log-bucket/',
    });
  });

  it('refuses plain HTTP', () => {
    // Act
    const policy = ofType('AWS::S3::BucketPolicy').find((resource) => resource.Properties['Bucket']?.Ref === bucketId);

    // Assess
    expect(policy?.Properties['PolicyDocument'].Statement).toContainEqual(
      expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
    );
  });

  it('lets only this distribution read it, and only read', () => {
    // Act
    const policy = ofType('AWS::S3::BucketPolicy').find((resource) => resource.Properties['Bucket']?.Ref === bucketId);
    const allowed = (policy?.Properties['PolicyDocument'].Statement as Record<string, any>[]).filter(
      (statement) => statement['Effect'] === 'Allow',
    );

    // Assess
    expect(allowed).toHaveLength(1);
    expect(allowed[0]).toMatchObject({
      Principal: { Service: 'cloudfront.amazonaws.com' },
      Action: ['s3:GetObject', 's3:ListBucket'],
    });
    expect(JSON.stringify(allowed[0]?.['Condition'])).toContain(JSON.stringify({ Ref: distributionId }));
  });

  it('answers CORS preflights for GET from any origin', () => {
    expect(bucket.Properties['CorsConfiguration'].CorsRules).toContainEqual(
      expect.objectContaining({ AllowedMethods: ['GET', 'HEAD'], AllowedOrigins: ['*'] }),
    );
  });

  it('is never the target of a deployment, so a site release cannot prune the log', () => {
    // Act
    const destinations = ofType('Custom::CDKBucketDeployment').map(
      (deployment) => deployment.Properties['DestinationBucketName'],
    );

    // Assess
    expect(destinations).toEqual([{ Ref: logicalId(stack.site.siteBucket) }]);
  });
});

describe('serving the public log through CloudFront', () => {
  it('sends /log/* to the log bucket through origin access control', () => {
    // Prepare
    const targetOriginId = logBehaviour()['TargetOriginId'] as string;

    // Act
    const origin = (distributionConfig()['Origins'] as Record<string, any>[]).find(
      (candidate) => candidate['Id'] === targetOriginId,
    );

    // Assess
    expect(origin).toMatchObject({
      DomainName: { 'Fn::GetAtt': [bucketId, 'RegionalDomainName'] },
      OriginAccessControlId: { 'Fn::GetAtt': [expect.any(String), 'Id'] },
    });
    expect(origin).not.toHaveProperty('OriginPath');
  });

  it('allows only reads, compressed, over HTTPS', () => {
    expect(logBehaviour()).toMatchObject({
      AllowedMethods: ['GET', 'HEAD', 'OPTIONS'],
      Compress: true,
      ViewerProtocolPolicy: 'redirect-to-https',
    });
  });

  it('caches as long as the Cache-Control the sequencer sets allows, and nothing without one', () => {
    // Act
    const policy = resourceBehind(logBehaviour()['CachePolicyId']).Properties['CachePolicyConfig'];

    // Assess
    expect(policy).toMatchObject({
      MinTTL: 0,
      DefaultTTL: 0,
      MaxTTL: 365 * 24 * 60 * 60,
      ParametersInCacheKeyAndForwardedToOrigin: {
        EnableAcceptEncodingGzip: true,
        EnableAcceptEncodingBrotli: true,
        HeadersConfig: { HeaderBehavior: 'none' },
        QueryStringsConfig: { QueryStringBehavior: 'none' },
        CookiesConfig: { CookieBehavior: 'none' },
      },
    });
  });

  it('lets a verifier on any site GET the log', () => {
    // Act
    const policy = resourceBehind(logBehaviour()['ResponseHeadersPolicyId']).Properties['ResponseHeadersPolicyConfig'];

    // Assess
    expect(policy['CorsConfig']).toMatchObject({
      AccessControlAllowOrigins: { Items: ['*'] },
      AccessControlAllowMethods: { Items: expect.arrayContaining(['GET', 'HEAD']) },
      AccessControlAllowCredentials: false,
      OriginOverride: true,
    });
  });

  it('forwards the CORS request headers S3 needs to answer a preflight', () => {
    expect(logBehaviour()['OriginRequestPolicyId']).toBe(OriginRequestPolicy.CORS_S3_ORIGIN.originRequestPolicyId);
  });

  it('publishes the log URL on the distribution', () => {
    expect(template.findOutputs('LogUrl')['LogUrl']?.['Value']).toEqual({
      'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [distributionId, 'DomainName'] }, '/log/']],
    });
  });
});

describe('the log signing key', () => {
  it('is a generated 64-character string without punctuation', () => {
    expect(resources[secretId]?.Properties['GenerateSecretString']).toEqual({
      PasswordLength: 64,
      ExcludePunctuation: true,
      IncludeSpace: false,
    });
  });

  it('is kept when the stack is deleted', () => {
    expect(resources[secretId]).toMatchObject({ DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
  });
});

describe('the log sequencer', () => {
  it('runs on Node.js 24 on arm64 with 1 GB and five minutes', () => {
    // Act
    const { Runtime, Architectures, MemorySize, Timeout, TracingConfig } = sequencer.Properties;

    // Assess
    expect({ Runtime, Architectures, MemorySize, Timeout, TracingConfig }).toEqual({
      Runtime: 'nodejs24.x',
      Architectures: ['arm64'],
      MemorySize: 1024,
      Timeout: 300,
      TracingConfig: { Mode: 'Active' },
    });
  });

  it('is told the table, the bucket, the signing secret and the log origin', () => {
    expect(sequencer.Properties['Environment'].Variables).toMatchObject({
      [handlerEnvironment.tableName]: { Ref: tableId },
      [handlerEnvironment.logBucket]: { Ref: bucketId },
      [handlerEnvironment.logSigningSecretArn]: { Ref: secretId },
      [handlerEnvironment.logOrigin]: defaultLogOrigin,
    });
  });

  it('reads the ledger table stream from its oldest record', () => {
    expect(eventSourceMapping().Properties).toMatchObject({
      EventSourceArn: { 'Fn::GetAtt': [tableId, 'StreamArn'] },
      FunctionName: { Ref: sequencerId },
      StartingPosition: 'TRIM_HORIZON',
    });
  });

  it('takes up to 5000 records, waiting at most a second, one batch per shard at a time', () => {
    expect(eventSourceMapping().Properties).toMatchObject({
      BatchSize: 5000,
      MaximumBatchingWindowInSeconds: 1,
      ParallelizationFactor: 1,
    });
  });

  it('retries a failed batch whole until it succeeds, never skipping a record', () => {
    // Act
    const properties = eventSourceMapping().Properties;

    // Assess
    expect(properties).toMatchObject({ BisectBatchOnFunctionError: false, MaximumRetryAttempts: -1 });
    expect(properties).not.toHaveProperty('FunctionResponseTypes');
    expect(properties).not.toHaveProperty('MaximumRecordAgeInSeconds');
    expect(properties).not.toHaveProperty('DestinationConfig');
  });

  it('filters on exactly the patterns the construct declares', () => {
    expect(eventSourceMapping().Properties['FilterCriteria'].Filters).toEqual(
      sequencerFilters.map((filter) => ({ Pattern: filter['pattern'] as string })),
    );
  });

  it('is invoked for a new ledger entry', () => {
    expect(reachesSequencer('INSERT', keys.entry('01JENTRY'))).toBe(true);
  });

  it('is invoked for a new graduation', () => {
    expect(reachesSequencer('INSERT', keys.graduation('hh-7f3a'))).toBe(true);
  });

  it("is not invoked for a household's other items", () => {
    expect(reachesSequencer('INSERT', keys.household('hh-7f3a'))).toBe(false);
    expect(reachesSequencer('INSERT', keys.householdYear('hh-7f3a', 2026))).toBe(false);
  });

  it('is not invoked for balances, its own log items or any other item', () => {
    expect(reachesSequencer('INSERT', keys.account('fund:zakat'))).toBe(false);
    expect(reachesSequencer('INSERT', keys.logHead())).toBe(false);
    expect(reachesSequencer('INSERT', keys.contribution('01JCONTRIB'))).toBe(false);
  });

  it('is not invoked when an entry or a graduation is modified or removed', () => {
    expect(reachesSequencer('MODIFY', keys.entry('01JENTRY'))).toBe(false);
    expect(reachesSequencer('MODIFY', keys.graduation('hh-7f3a'))).toBe(false);
    expect(reachesSequencer('REMOVE', keys.entry('01JENTRY'))).toBe(false);
  });

  it('may read the stream and write the table', () => {
    // Act
    const onStream = actionsOn(sequencer, 'StreamArn');
    const onTable = actionsOn(sequencer, tableId);

    // Assess
    expect(onStream).toEqual(expect.arrayContaining(['dynamodb:DescribeStream', 'dynamodb:GetRecords']));
    expect(onTable).toEqual(expect.arrayContaining(['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:Query']));
  });

  it('may read and put objects under log/, and never delete them', () => {
    expect(
      statementsOf(sequencer).filter((statement) => JSON.stringify(statement.Resource).includes(bucketId)),
    ).toEqual([
      { Action: ['s3:GetObject', 's3:PutObject'], Effect: 'Allow', Resource: logObjects },
      { Action: 's3:ListBucket', Effect: 'Allow', Resource: { 'Fn::GetAtt': [bucketId, 'Arn'] } },
    ]);
  });

  it('may read the signing secret', () => {
    expect(actionsOn(sequencer, secretId)).toEqual(['secretsmanager:DescribeSecret', 'secretsmanager:GetSecretValue']);
  });

  it('names the log after the logOrigin prop', () => {
    // Prepare
    const origin = 'transparansi.example.go.id/zakat';

    // Act
    const { stack: named } = buildTerangStack({ logOrigin: origin });

    // Assess
    Template.fromStack(named).hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: { [handlerEnvironment.logOrigin]: origin } },
    });
  });

  it.each(['terang.example/a b', 'terang.example/a+b', ''])('refuses the log origin %j', (origin) => {
    expect(() => buildTerangStack({ logOrigin: origin })).toThrow(/log origin/);
  });
});

describe('access to the public log from the API', () => {
  it('is asked for by the receipt routes', () => {
    expect(logRoutes.map((route) => route.path)).toContain('/api/public/ledger/{index}/receipt');
  });

  it.each(logRoutes)('lets $name read objects under log/ and nothing more there', (route) => {
    expect(actionsOn(routeLambda(route), bucketId)).toEqual(['s3:GetObject', 's3:ListBucket']);
  });

  it.each(logRoutes)('keeps the signing secret from $name', (route) => {
    expect(actionsOn(routeLambda(route), secretId)).toEqual([]);
  });

  it.each(logRoutes)('hands $name the bucket name and the log origin', (route) => {
    expect(routeLambda(route).Properties['Environment'].Variables).toMatchObject({
      [handlerEnvironment.logBucket]: { Ref: bucketId },
      [handlerEnvironment.logOrigin]: defaultLogOrigin,
    });
  });

  it.each(otherRoutes)('gives $name neither access nor the bucket name', (route) => {
    expect(actionsOn(routeLambda(route), bucketId)).toEqual([]);
    expect(routeLambda(route).Properties['Environment'].Variables).not.toHaveProperty(handlerEnvironment.logBucket);
  });
});
