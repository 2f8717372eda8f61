import path from 'node:path';

import { Validations } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { CachePolicy, OriginRequestPolicy } from 'aws-cdk-lib/aws-cloudfront';
import { AwsSolutionsChecks } from 'cdk-nag';
import { describe, expect, it } from 'vitest';

import { routes, type RouteDefinition } from '../../functions/routes.ts';
import { lambdaEsbuildOptions, cdkBundlingOptions } from '../../infra/bundling.ts';
import { apiThrottle } from '../../infra/constructs/terang-http-api.ts';
import { apiPathPattern } from '../../infra/constructs/public-site.ts';
import { handlerEnvironment } from '../../shared/environment.ts';
import { roles } from '../../shared/domain/caller.ts';
import { tableDefinition } from '../../shared/dynamodb/table.ts';
import { buildTerangStack } from './build-terang-stack.ts';

type Resource = { readonly Properties: Record<string, unknown> } & Record<string, unknown>;

// One synthesis shared by the read-only assertions below; it is the slow part.
const { stack } = buildTerangStack();
const template = Template.fromStack(stack);

const publicRoutes = routes.filter((route) => route.auth === 'none');
const jwtRoutes = routes.filter((route) => route.auth === 'jwt');

function onlyResource(type: string, props: Record<string, unknown> = {}): [string, Resource] {
  const found = Object.entries(template.findResources(type, { Properties: props })) as [string, Resource][];
  expect(found, `exactly one ${type} matching ${JSON.stringify(props)}`).toHaveLength(1);
  return found[0]!;
}

function ledgerTable(): Resource {
  return onlyResource('AWS::DynamoDB::GlobalTable')[1];
}

function lambdaFor(route: RouteDefinition): Resource {
  return onlyResource('AWS::Lambda::Function', { Description: `${route.method} ${route.path}` })[1];
}

function routeKeyOf(route: RouteDefinition): string {
  return `${route.method} ${route.path}`;
}

function tableActionsGrantedTo(route: RouteDefinition): string[] {
  const roleArn = lambdaFor(route).Properties['Role'] as { 'Fn::GetAtt': [string, string] };
  const roleId = roleArn['Fn::GetAtt'][0];
  const policies = Object.values(
    template.findResources('AWS::IAM::Policy', { Properties: { Roles: [{ Ref: roleId }] } }),
  ) as Resource[];
  return policies
    .flatMap(
      (policy) => (policy.Properties['PolicyDocument'] as { Statement: { Action: string | string[] }[] }).Statement,
    )
    .flatMap((statement) => [statement.Action].flat())
    .filter((action) => action.startsWith('dynamodb:'));
}

function distributionConfig(): Record<string, unknown> {
  return onlyResource('AWS::CloudFront::Distribution')[1].Properties['DistributionConfig'] as Record<string, unknown>;
}

describe('the ledger table', () => {
  it('takes its primary key from the shared table definition', () => {
    // Act
    const keySchema = ledgerTable().Properties['KeySchema'];

    // Assess
    expect(keySchema).toEqual([
      { AttributeName: tableDefinition.partitionKey, KeyType: 'HASH' },
      { AttributeName: tableDefinition.sortKey, KeyType: 'RANGE' },
    ]);
  });

  it('builds every secondary index the shared table definition names', () => {
    // Prepare
    const expected = tableDefinition.globalSecondaryIndexes.map((index) => ({
      IndexName: index.indexName,
      KeySchema: [
        { AttributeName: index.partitionKey, KeyType: 'HASH' },
        { AttributeName: index.sortKey, KeyType: 'RANGE' },
      ],
      Projection: { ProjectionType: 'ALL' },
    }));

    // Act
    const indexes = ledgerTable().Properties['GlobalSecondaryIndexes'];

    // Assess
    expect(indexes).toEqual(expected);
  });

  it('streams the view type the shared table definition asks for', () => {
    template.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      StreamSpecification: { StreamViewType: tableDefinition.stream },
    });
  });

  it('expires items through the shared TTL attribute', () => {
    template.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      TimeToLiveSpecification: { AttributeName: tableDefinition.timeToLiveAttribute, Enabled: true },
    });
  });

  it('bills per request', () => {
    template.hasResourceProperties('AWS::DynamoDB::GlobalTable', { BillingMode: 'PAY_PER_REQUEST' });
  });

  it('keeps point-in-time recovery on the ledger table', () => {
    template.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      Replicas: [Match.objectLike({ PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true } })],
    });
  });

  it('refuses deletion of the ledger table', () => {
    template.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      Replicas: [Match.objectLike({ DeletionProtectionEnabled: true })],
    });
  });

  it('retains the ledger table when the stack is deleted or the table replaced', () => {
    template.hasResource('AWS::DynamoDB::GlobalTable', { DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
  });

  it('encrypts the ledger table with the AWS managed key', () => {
    template.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      SSESpecification: { SSEEnabled: true, SSEType: 'KMS' },
    });
  });
});

describe('the route functions', () => {
  it('creates one Lambda function per route', () => {
    // Act
    const functions = routes.map((route) => lambdaFor(route));

    // Assess
    expect(new Set(functions).size).toBe(routes.length);
  });

  it.each(routes)('runs $name on Node.js 24 on arm64', (route) => {
    // Act
    const { Runtime, Architectures } = lambdaFor(route).Properties;

    // Assess
    expect({ Runtime, Architectures }).toEqual({ Runtime: 'nodejs24.x', Architectures: ['arm64'] });
  });

  it.each(routes)('gives $name the table name and the Powertools service name', (route) => {
    // Act
    const environment = (lambdaFor(route).Properties['Environment'] as { Variables: Record<string, unknown> })
      .Variables;

    // Assess
    expect(environment).toMatchObject({
      [handlerEnvironment.tableName]: { Ref: onlyResource('AWS::DynamoDB::GlobalTable')[0] },
      POWERTOOLS_SERVICE_NAME: 'terang',
    });
  });

  it('applies the house memory, timeout and tracing to every function but the heavy ones', () => {
    // Act
    const settings = routes
      .filter((route) => !route.heavy)
      .map((route) => {
        const { MemorySize, Timeout, TracingConfig } = lambdaFor(route).Properties;
        return { MemorySize, Timeout, TracingConfig };
      });

    // Assess
    expect(new Set(settings.map((setting) => JSON.stringify(setting)))).toEqual(
      new Set([JSON.stringify({ MemorySize: 512, Timeout: 10, TracingConfig: { Mode: 'Active' } })]),
    );
  });

  it.each(['CreateRegistryImport', 'ProposeAllocation'])(
    'gives %s 1 GB and 29 s to work through a registry',
    (name) => {
      // Prepare
      const route = routes.find((candidate) => candidate.name === name);
      // Act
      const { MemorySize, Timeout } = lambdaFor(route!).Properties;
      // Assess
      expect({ MemorySize, Timeout }).toEqual({ MemorySize: 1024, Timeout: 29 });
    },
  );

  it('hands the registry import its KMS key and pseudonym secret', () => {
    // Prepare
    const route = routes.find((candidate) => candidate.name === 'CreateRegistryImport');
    // Act
    const variables = Object.keys((lambdaFor(route!).Properties['Environment'] as { Variables: object }).Variables);
    // Assess
    expect(variables).toEqual(expect.arrayContaining(['TERANG_REGISTRY_KMS_KEY_ID', 'TERANG_PSEUDONYM_SECRET_ARN']));
  });

  it('keeps the registry master key with rotation on', () => {
    template.hasResource('AWS::KMS::Key', { Properties: { EnableKeyRotation: true }, DeletionPolicy: 'Retain' });
  });

  it.each(routes)('keeps the logs of $name for a month', (route) => {
    // Prepare
    const logGroupRef = (lambdaFor(route).Properties['LoggingConfig'] as { LogGroup: { Ref: string } }).LogGroup.Ref;

    // Act
    const logGroup = template.findResources('AWS::Logs::LogGroup')[logGroupRef] as Resource | undefined;

    // Assess
    expect(logGroup?.Properties['RetentionInDays']).toBe(30);
  });

  it.each(routes)('grants $name the table access it declares ($tableAccess)', (route) => {
    // Act
    const actions = tableActionsGrantedTo(route);

    // Assess
    expect(actions).toContain('dynamodb:Query');
    expect(actions.includes('dynamodb:PutItem')).toBe(route.tableAccess === 'readWrite');
  });

  it('bundles with the same esbuild settings the benchmark uses', () => {
    expect(cdkBundlingOptions).toMatchObject({
      format: lambdaEsbuildOptions.format,
      target: lambdaEsbuildOptions.target,
      minify: lambdaEsbuildOptions.minify,
      sourceMap: lambdaEsbuildOptions.sourcemap,
      sourcesContent: lambdaEsbuildOptions.sourcesContent,
      mainFields: lambdaEsbuildOptions.mainFields,
      externalModules: lambdaEsbuildOptions.external,
      banner: lambdaEsbuildOptions.banner.js,
      esbuildArgs: {
        '--alias': Object.entries(lambdaEsbuildOptions.alias).map(([module, target]) => `${module}=${target}`),
      },
    });
  });

  it('ships the AWS SDK inside each bundle', () => {
    expect({ externalModules: cdkBundlingOptions.externalModules, external: lambdaEsbuildOptions.external }).toEqual({
      externalModules: [],
      external: [],
    });
  });
});

describe('the HTTP API', () => {
  it('declares exactly the routes in functions/routes.ts', () => {
    // Act
    const routeKeys = Object.values(template.findResources('AWS::ApiGatewayV2::Route')).map(
      (resource) => (resource as Resource).Properties['RouteKey'],
    );

    // Assess
    expect(routeKeys.sort()).toEqual(routes.map(routeKeyOf).sort());
  });

  it.each(jwtRoutes)('puts $method $path behind the Cognito JWT authorizer', (route) => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Route', {
      RouteKey: routeKeyOf(route),
      AuthorizationType: 'JWT',
      AuthorizerId: { Ref: onlyResource('AWS::ApiGatewayV2::Authorizer')[0] },
    });
  });

  it.each(publicRoutes)('leaves $method $path open to anyone', (route) => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Route', {
      RouteKey: routeKeyOf(route),
      AuthorizationType: 'NONE',
    });
  });

  it('accepts only tokens the user pool issued to the web client', () => {
    // Prepare
    const userPoolId = onlyResource('AWS::Cognito::UserPool')[0];
    const clientId = onlyResource('AWS::Cognito::UserPoolClient')[0];

    // Assess
    template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: {
        Audience: [{ Ref: clientId }],
        Issuer: { 'Fn::Join': ['', Match.arrayWith([{ Ref: userPoolId }])] },
      },
    });
  });

  it('writes access logs from the default stage', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AccessLogSettings: {
        DestinationArn: { 'Fn::GetAtt': [Match.anyValue(), 'Arn'] },
        Format: Match.stringLikeRegexp('\\$context\\.requestId'),
      },
    });
  });

  it('throttles the default stage', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      DefaultRouteSettings: {
        ThrottlingRateLimit: apiThrottle.rateLimit,
        ThrottlingBurstLimit: apiThrottle.burstLimit,
      },
    });
  });
});

describe('staff sign-in', () => {
  it.each(roles)('has a Cognito group for the %s role', (role) => {
    template.hasResourceProperties('AWS::Cognito::UserPoolGroup', { GroupName: role });
  });

  it('lets only admins create accounts', () => {
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
    });
  });

  it('carries the organisation id as a mutable custom attribute', () => {
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      Schema: Match.arrayWith([Match.objectLike({ Name: 'orgId', AttributeDataType: 'String', Mutable: true })]),
    });
  });

  it('lets the web client read the organisation id but never write it', () => {
    // Act
    const client = onlyResource('AWS::Cognito::UserPoolClient')[1].Properties;

    // Assess
    expect({ reads: client['ReadAttributes'], writes: client['WriteAttributes'] }).toEqual({
      reads: expect.arrayContaining(['custom:orgId']),
      writes: expect.not.arrayContaining(['custom:orgId']),
    });
  });

  it('requires long passwords with every character class', () => {
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      Policies: {
        PasswordPolicy: Match.objectLike({
          MinimumLength: 12,
          RequireLowercase: true,
          RequireUppercase: true,
          RequireNumbers: true,
          RequireSymbols: true,
        }),
      },
    });
  });

  it('runs on the Plus tier with threat protection enforced', () => {
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      UserPoolTier: 'PLUS',
      UserPoolAddOns: { AdvancedSecurityMode: 'ENFORCED' },
    });
  });
});

describe('the public site', () => {
  it('blocks public access to every bucket', () => {
    // Act
    const buckets = Object.values(template.findResources('AWS::S3::Bucket')) as Resource[];

    // Assess
    expect(buckets.map((bucket) => bucket.Properties['PublicAccessBlockConfiguration'])).toEqual(
      buckets.map(() => ({
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      })),
    );
  });

  it('denies plain HTTP on every bucket', () => {
    // Act
    const policies = Object.values(template.findResources('AWS::S3::BucketPolicy')) as Resource[];

    // Assess
    expect(policies.length).toBe(Object.keys(template.findResources('AWS::S3::Bucket')).length);
    for (const policy of policies) {
      expect(policy.Properties['PolicyDocument']).toMatchObject({
        Statement: expect.arrayContaining([
          expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      });
    }
  });

  it('logs access to the site bucket into the log bucket', () => {
    template.hasResourceProperties('AWS::S3::Bucket', {
      LoggingConfiguration: { DestinationBucketName: { Ref: Match.anyValue() }, LogFilePrefix: 'site-bucket/' },
    });
  });

  it('reads the site bucket through origin access control', () => {
    // Act
    const origins = distributionConfig()['Origins'] as Record<string, unknown>[];

    // Assess
    expect(origins).toContainEqual(
      expect.objectContaining({ OriginAccessControlId: { 'Fn::GetAtt': [expect.any(String), 'Id'] } }),
    );
  });

  it('serves index.html at the root and redirects HTTP to HTTPS', () => {
    expect(distributionConfig()).toMatchObject({
      DefaultRootObject: 'index.html',
      DefaultCacheBehavior: { ViewerProtocolPolicy: 'redirect-to-https' },
    });
  });

  it('forwards /api/* to the HTTP API uncached with every viewer header but Host', () => {
    // Act
    const behaviours = distributionConfig()['CacheBehaviors'] as Record<string, unknown>[];

    // Assess
    expect(behaviours).toContainEqual(
      expect.objectContaining({
        PathPattern: apiPathPattern,
        AllowedMethods: expect.arrayContaining(['GET', 'POST']),
        CachePolicyId: CachePolicy.CACHING_DISABLED.cachePolicyId,
        OriginRequestPolicyId: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER.originRequestPolicyId,
        ViewerProtocolPolicy: 'https-only',
      }),
    );
  });

  it('sends /api/* to the execute-api host of the HTTP API', () => {
    // Prepare
    const apiId = onlyResource('AWS::ApiGatewayV2::Api')[0];
    const config = distributionConfig();
    const apiBehaviour = (config['CacheBehaviors'] as { PathPattern: string; TargetOriginId: string }[]).find(
      (behaviour) => behaviour.PathPattern === apiPathPattern,
    );

    // Act
    const apiOrigin = (config['Origins'] as { Id: string; DomainName: unknown }[]).find(
      (origin) => origin.Id === apiBehaviour?.TargetOriginId,
    );

    // Assess
    expect(JSON.stringify(apiOrigin?.DomainName)).toContain(JSON.stringify({ 'Fn::GetAtt': [apiId, 'ApiEndpoint'] }));
  });

  it('writes CloudFront access logs into the log bucket', () => {
    expect(distributionConfig()['Logging']).toMatchObject({ Prefix: 'cloudfront/' });
  });

  it('uploads the built site and invalidates the distribution', () => {
    template.hasResourceProperties('Custom::CDKBucketDeployment', {
      DistributionPaths: ['/*'],
      DistributionId: { Ref: onlyResource('AWS::CloudFront::Distribution')[0] },
    });
  });

  it('still synthesises without a site build, warning that the site is not deployed', () => {
    // Prepare
    const missingBuild = path.join(import.meta.dirname, 'fixtures', 'no-such-build');

    // Act
    const { stack: withoutSite } = buildTerangStack({ siteAssetPath: missingBuild });

    // Assess
    Template.fromStack(withoutSite).resourceCountIs('Custom::CDKBucketDeployment', 0);
    Annotations.fromStack(withoutSite).hasWarning('/Terang/Site', Match.stringLikeRegexp('No site build'));
  });
});

describe('stack outputs', () => {
  it('publishes what the web app and the deploy scripts need', () => {
    expect(Object.keys(template.findOutputs('*')).sort()).toEqual(
      ['ApiUrl', 'LogUrl', 'SiteUrl', 'TableName', 'UserPoolClientId', 'UserPoolId'].sort(),
    );
  });
});

describe('cdk-nag AwsSolutions', () => {
  function findings(severity: 'error' | 'warning'): string[] {
    const report = new AwsSolutionsChecks().validateScope(stack);
    return report.violations
      .filter((violation) => violation.severity === severity)
      .flatMap((violation) =>
        violation.violatingResources.map((resource) => `${violation.ruleName} at ${resource.constructPath}`),
      );
  }

  it('reports no unacknowledged errors', () => {
    expect(findings('error')).toEqual([]);
  });

  it('reports no unacknowledged warnings', () => {
    expect(findings('warning')).toEqual([]);
  });

  it('lets the app through cdk-nag and CloudFormation validation the way cdk synth runs them', () => {
    // Prepare
    const { app } = buildTerangStack();
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app));

    // Act
    const synth = () => app.synth();

    // Assess
    expect(synth).not.toThrow();
  });

  it('raises no construct errors', () => {
    expect(Annotations.fromStack(stack).findError('*', Match.anyValue())).toEqual([]);
  });
});
