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

interface TerangFunctionCommonProps {
  readonly table: ITable;
  /** Directory the entries are relative to. */
  readonly functionsDir: string;
  /** Only for a function that really needs more; the defaults fit every route today. */
  readonly memorySize?: number;
  readonly timeout?: Duration;
  readonly environment?: Readonly<Record<string, string>>;
}

/** A function behind an HTTP API route. */
export interface RouteFunctionProps extends TerangFunctionCommonProps {
  /** The route this function serves; decides the entry file and the table access it is granted. */
  readonly route: RouteDefinition;
  /** Needed by routes that declare `secrets: ['registry']`. */
  readonly registryKeys?: RegistryKeys;
}

/**
 * A function no route calls (a stream consumer, say). It states its entry, description and table
 * access itself; whoever creates it grants anything beyond the table explicitly.
 */
export interface BackgroundFunctionProps extends TerangFunctionCommonProps {
  /** Handler module relative to `functionsDir`, exporting `handler`. */
  readonly entry: string;
  /** What the function does, shown on the function and its role. */
  readonly description: string;
  readonly tableAccess: RouteDefinition['tableAccess'];
}

export type TerangFunctionProps = RouteFunctionProps | BackgroundFunctionProps;

interface FunctionPurpose {
  readonly entry: string;
  readonly description: string;
  readonly roleDescription: string;
  readonly tableAccess: RouteDefinition['tableAccess'];
}

function purposeOf(props: TerangFunctionProps): FunctionPurpose {
  if ('route' in props) {
    const { route } = props;
    return {
      entry: route.entry,
      description: `${route.method} ${route.path}`,
      roleDescription: `Runs ${route.method} ${route.path}`,
      tableAccess: route.tableAccess,
    };
  }
  return {
    entry: props.entry,
    description: props.description,
    roleDescription: `Runs ${props.entry}: ${props.description}`,
    tableAccess: props.tableAccess,
  };
}

/**
 * Every Terang Lambda, with the house defaults in one place (after Powertools' FunctionWithLogGroup):
 * Node 24 on Graviton, the shared esbuild settings, X-Ray, an explicit log group with retention,
 * and exactly the table access its route (or, for a background function, its props) declares.
 */
export class TerangFunction extends NodejsFunction {
  // No class fields here: with ES2022 field semantics they would be reset after super() runs.
  public constructor(scope: Construct, id: string, props: TerangFunctionProps) {
    const { table } = props;
    const purpose = purposeOf(props);
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
      description: purpose.roleDescription,
    });
    logGroup.grantWrite(role);

    super(scope, id, {
      entry: path.join(props.functionsDir, purpose.entry),
      handler: 'handler',
      description: purpose.description,
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

    if ('route' in props && props.route.secrets?.includes('registry')) {
      if (!props.registryKeys) throw new Error(`${props.route.name} needs the registry keys`);
      for (const [name, value] of Object.entries(props.registryKeys.environmentFor(this)))
        this.addEnvironment(name, value);
    }

    if (purpose.tableAccess === 'readWrite') {
      table.grantReadWriteData(this);
    } else {
      table.grantReadData(this);
    }
  }
}
