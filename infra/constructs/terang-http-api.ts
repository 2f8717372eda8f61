import { Duration, Fn, RemovalPolicy } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  HttpApi,
  HttpMethod,
  HttpNoneAuthorizer,
  type HttpRoute,
  type HttpStage,
  LogGroupLogDestination,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpUserPoolAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { UserPool, UserPoolClient } from 'aws-cdk-lib/aws-cognito';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';

import { routeTimeoutSeconds, type RouteDefinition } from '../../functions/routes.ts';
import type { EvidenceBucket } from './evidence-bucket.ts';
import type { PublicLog } from './public-log.ts';
import type { RegistryKeys } from './registry-keys.ts';
import { TerangFunction } from './terang-function.ts';

/**
 * Stage-wide limits. A city ledger sees tens of requests a second at most; the limits exist to cap
 * the bill and the table load if someone scripts the public endpoints.
 */
export const apiThrottle = { rateLimit: 50, burstLimit: 100 } as const;

/** HTTP API context variables only; `$context.requestId` is required by API Gateway. */
const accessLogFormat = AccessLogFormat.custom(
  JSON.stringify({
    requestId: '$context.requestId',
    requestTime: '$context.requestTime',
    sourceIp: '$context.identity.sourceIp',
    userAgent: '$context.identity.userAgent',
    routeKey: '$context.routeKey',
    status: '$context.status',
    responseLength: '$context.responseLength',
    responseLatency: '$context.responseLatency',
    integrationLatency: '$context.integrationLatency',
    integrationError: '$context.integrationErrorMessage',
    authorizerError: '$context.authorizer.error',
    // Who did it, for the audit trail; empty on public routes.
    sub: '$context.authorizer.claims.sub',
  }),
);

export interface TerangHttpApiProps {
  readonly routes: readonly RouteDefinition[];
  readonly table: ITable;
  readonly userPool: UserPool;
  readonly userPoolClient: UserPoolClient;
  readonly functionsDir: string;
  readonly registryKeys: RegistryKeys;
  /** Needed by routes that declare `bucket: 'evidence'`. */
  readonly evidence?: EvidenceBucket;
  /** Needed by routes that declare `bucket: 'log'`. */
  readonly publicLog?: PublicLog;
}

/** Grants the bucket access a route declares and returns the environment that goes with it. */
function bucketEnvironmentFor(
  route: RouteDefinition,
  handler: TerangFunction,
  props: TerangHttpApiProps,
): Record<string, string> {
  switch (route.bucket) {
    case undefined:
      return {};
    case 'evidence':
      if (!props.evidence) throw new Error(`${route.name} needs the evidence bucket`);
      return props.evidence.environmentFor(handler);
    case 'log':
      if (!props.publicLog) throw new Error(`${route.name} needs the public log`);
      return props.publicLog.readerEnvironmentFor(handler);
  }
}

/** What was built for one entry of functions/routes.ts. */
export interface ApiEndpoint {
  readonly route: RouteDefinition;
  readonly handler: TerangFunction;
  readonly httpRoute: HttpRoute;
}

/** One HTTP API route and one Lambda per entry of functions/routes.ts. */
export class TerangHttpApi extends Construct {
  public readonly httpApi: HttpApi;
  public readonly stage: HttpStage;
  public readonly endpoints: readonly ApiEndpoint[];

  public constructor(scope: Construct, id: string, props: TerangHttpApiProps) {
    super(scope, id);

    const authorizer = new HttpUserPoolAuthorizer('CognitoAuthorizer', props.userPool, {
      userPoolClients: [props.userPoolClient],
    });
    this.httpApi = new HttpApi(this, 'HttpApi', {
      apiName: 'terang',
      description: 'Terang CSR and zakat ledger API',
      // Secure by default: a route must say auth 'none' to be public.
      defaultAuthorizer: authorizer,
      // The stage is added below: HttpApi's own default stage takes no access-log or throttle settings.
      createDefaultStage: false,
    });

    const accessLogs = new LogGroup(this, 'AccessLogs', {
      retention: RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.stage = this.httpApi.addStage('DefaultStage', {
      stageName: '$default',
      autoDeploy: true,
      throttle: apiThrottle,
      accessLogSettings: { destination: new LogGroupLogDestination(accessLogs), format: accessLogFormat },
    });

    this.endpoints = props.routes.map((route) => this.addEndpoint(route, props));
  }

  private addEndpoint(route: RouteDefinition, props: TerangHttpApiProps): ApiEndpoint {
    const handler = new TerangFunction(this, route.name, {
      route,
      table: props.table,
      functionsDir: props.functionsDir,
      registryKeys: props.registryKeys,
      // A registry import or an allocation works through the whole registry within API Gateway's 30 s.
      timeout: Duration.seconds(routeTimeoutSeconds(route)),
      ...(route.heavy ? { memorySize: 1024 } : {}),
    });
    for (const [name, value] of Object.entries(bucketEnvironmentFor(route, handler, props)))
      handler.addEnvironment(name, value);
    const [httpRoute] = this.httpApi.addRoutes({
      path: route.path,
      methods: [HttpMethod[route.method]],
      integration: new HttpLambdaIntegration(`${route.name}Integration`, handler),
      ...(route.auth === 'none' ? { authorizer: new HttpNoneAuthorizer() } : {}),
    });
    if (!httpRoute) throw new Error(`No HTTP API route was created for ${route.name}`);
    return { route, handler, httpRoute };
  }

  /** Host name of the execute-api endpoint, for use as a CloudFront origin. */
  public get domainName(): string {
    return Fn.parseDomainName(this.httpApi.apiEndpoint);
  }

  /** Base URL without a trailing slash, so clients append route paths (`/api/...`) as they are. */
  public get url(): string {
    // The $default stage is served at the API's root endpoint.
    return this.httpApi.apiEndpoint;
  }
}
