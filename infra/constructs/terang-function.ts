import path from 'node:path';

import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';

import { handlerEnvironment, type RouteDefinition } from '../../functions/routes.ts';
import { cdkBundlingOptions } from '../bundling.ts';
import type { RegistryKeys } from './registry-keys.ts';
import { dependencyLockFile, repoRoot } from '../paths.ts';

export const powertoolsServiceName = 'terang';

export interface TerangFunctionProps {
  /** The route this function serves; decides the entry file and the table access it is granted. */
  readonly route: RouteDefinition;
  readonly table: ITable;
  /** Directory the route entries are relative to. */
  readonly functionsDir: string;
  /** Only for a function that really needs more; the defaults fit every route today. */
  readonly memorySize?: number;
  readonly timeout?: Duration;
  readonly environment?: Readonly<Record<string, string>>;
  /** Needed by routes that declare `secrets: ['registry']`. */
  readonly registryKeys?: RegistryKeys;
}

/**
 * Every Terang Lambda, with the house defaults in one place (after Powertools' FunctionWithLogGroup):
 * Node 24 on Graviton, the shared esbuild settings, X-Ray, an explicit log group with retention,
 * and exactly the table access its route declares.
 */
export class TerangFunction extends NodejsFunction {
  // No class fields here: with ES2022 field semantics they would be reset after super() runs.
  public constructor(scope: Construct, id: string, props: TerangFunctionProps) {
    const { route, table } = props;
    // An explicit log group sets retention without the LogRetention custom resource.
    const logGroup = new LogGroup(scope, `${id}Logs`, {
      retention: RetentionDays.ONE_MONTH,
      // Operational logs, not ledger records: they may go with the stack.
      removalPolicy: RemovalPolicy.DESTROY,
    });
    // A role of our own instead of the default AWSLambdaBasicExecutionRole managed policy, so the
    // function can write to its own log group only.
    const role = new Role(scope, `${id}Role`, {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `Runs ${route.method} ${route.path}`,
    });
    logGroup.grantWrite(role);

    super(scope, id, {
      entry: path.join(props.functionsDir, route.entry),
      handler: 'handler',
      description: `${route.method} ${route.path}`,
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout ?? Duration.seconds(10),
      tracing: Tracing.ACTIVE,
      logGroup,
      role,
      bundling: cdkBundlingOptions,
      projectRoot: repoRoot,
      depsLockFilePath: dependencyLockFile,
      environment: {
        [handlerEnvironment.tableName]: table.tableName,
        POWERTOOLS_SERVICE_NAME: powertoolsServiceName,
        ...props.environment,
      },
    });

    if (route.secrets?.includes('registry')) {
      if (!props.registryKeys) throw new Error(`${route.name} needs the registry keys`);
      for (const [name, value] of Object.entries(props.registryKeys.environmentFor(this)))
        this.addEnvironment(name, value);
    }

    if (route.tableAccess === 'readWrite') {
      table.grantReadWriteData(this);
    } else {
      table.grantReadData(this);
    }
  }
}
