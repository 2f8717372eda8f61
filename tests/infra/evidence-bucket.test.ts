import type { CfnElement } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';

import { routes, type RouteDefinition } from '../../functions/routes.ts';
import { handlerEnvironment } from '../../shared/environment.ts';
import { buildTerangStack } from './build-terang-stack.ts';

type Resource = { readonly Properties: Record<string, any> } & Record<string, any>;

const { stack } = buildTerangStack();
const template = Template.fromStack(stack);
const resources = template.toJSON()['Resources'] as Record<string, Resource>;

const bucketId = stack.getLogicalId(stack.evidence.bucket.node.defaultChild as CfnElement);
const logsId = stack.getLogicalId(stack.evidence.accessLogs.node.defaultChild as CfnElement);
const bucket = resources[bucketId] as Resource;

const uploadRoutes = routes.filter((route) => route.bucket === 'evidence');
const otherRoutes = routes.filter((route) => route.bucket !== 'evidence');

function lambdaFor(route: RouteDefinition): Resource {
  const found = Object.values(resources).filter(
    (resource) =>
      resource['Type'] === 'AWS::Lambda::Function' &&
      resource.Properties['Description'] === `${route.method} ${route.path}`,
  );
  expect(found).toHaveLength(1);
  return found[0] as Resource;
}

/** Every IAM statement of the function's role that mentions the evidence bucket. */
function evidenceStatements(route: RouteDefinition): Record<string, unknown>[] {
  const roleId = lambdaFor(route).Properties['Role']['Fn::GetAtt'][0] as string;
  return Object.values(resources)
    .filter(
      (resource) =>
        resource['Type'] === 'AWS::IAM::Policy' && JSON.stringify(resource.Properties['Roles']).includes(roleId),
    )
    .flatMap((policy) => policy.Properties['PolicyDocument'].Statement as Record<string, unknown>[])
    .filter((statement) => JSON.stringify(statement['Resource']).includes(bucketId));
}

describe('the evidence bucket', () => {
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

  it('encrypts evidence at rest', () => {
    expect(bucket.Properties['BucketEncryption']).toEqual({
      ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
    });
  });

  it('versions evidence and locks every object for ten years in governance mode', () => {
    expect(bucket.Properties).toMatchObject({
      VersioningConfiguration: { Status: 'Enabled' },
      ObjectLockEnabled: true,
      ObjectLockConfiguration: {
        ObjectLockEnabled: 'Enabled',
        Rule: { DefaultRetention: { Mode: 'GOVERNANCE', Days: 3650 } },
      },
    });
  });

  it('keeps the evidence and its access logs when the stack is deleted', () => {
    expect(bucket['DeletionPolicy']).toBe('Retain');
    expect(resources[logsId]?.['DeletionPolicy']).toBe('Retain');
  });

  it('logs every access into a log bucket of its own', () => {
    expect(bucket.Properties['LoggingConfiguration']).toEqual({
      DestinationBucketName: { Ref: logsId },
      LogFilePrefix: 'evidence-bucket/',
    });
  });

  it('refuses plain HTTP', () => {
    const policy = Object.values(resources).find(
      (resource) => resource['Type'] === 'AWS::S3::BucketPolicy' && resource.Properties['Bucket']?.Ref === bucketId,
    );
    expect(policy?.Properties['PolicyDocument'].Statement).toContainEqual(
      expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
    );
  });
});

describe('access to the evidence bucket', () => {
  it('is asked for by the upload route alone', () => {
    expect(uploadRoutes.map((route) => route.name)).toEqual(['UploadEvidence']);
  });

  it.each(uploadRoutes)('lets $name put objects under evidence/ and do nothing else there', (route) => {
    expect(evidenceStatements(route)).toEqual([
      {
        Action: 's3:PutObject',
        Effect: 'Allow',
        Resource: { 'Fn::Join': ['', [{ 'Fn::GetAtt': [bucketId, 'Arn'] }, '/evidence/*']] },
      },
    ]);
  });

  it.each(uploadRoutes)('hands $name the bucket name', (route) => {
    expect(lambdaFor(route).Properties['Environment'].Variables[handlerEnvironment.evidenceBucket]).toEqual({
      Ref: bucketId,
    });
  });

  it.each(otherRoutes)('gives $name neither access nor the bucket name', (route) => {
    expect(evidenceStatements(route)).toEqual([]);
    expect(lambdaFor(route).Properties['Environment'].Variables).not.toHaveProperty(handlerEnvironment.evidenceBucket);
  });
});
