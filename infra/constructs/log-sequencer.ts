import { Duration } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { FilterCriteria, FilterRule, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Construct } from 'constructs';

import { keys } from '../../shared/dynamodb/keys.ts';
import { tableDefinition } from '../../shared/dynamodb/table.ts';
import type { PublicLog } from './public-log.ts';
import { TerangFunction } from './terang-function.ts';

/** The sequencer's handler module, relative to functions/. */
export const sequencerEntry = 'log/sequence-ledger.ts';

/**
 * The items the log takes in, by key shape as shared/dynamodb/keys.ts builds them: a ledger entry
 * (`ENTRY#<id>` / `ENTRY`) and a household's graduation (`HOUSEHOLD#<pseudonym>` / `GRADUATION`).
 * The partition key is matched by prefix, the sort key exactly: households have other items too.
 */
export const sequencedKeys = [keys.entry(''), keys.graduation('')] as const;

/**
 * Only new items of those shapes reach the function: updates (balances, follow-ups) and every other
 * item are filtered out by Lambda before they cost an invocation.
 */
export const sequencerFilters = sequencedKeys.map(({ pk, sk }) =>
  FilterCriteria.filter({
    eventName: FilterRule.isEqual('INSERT'),
    dynamodb: {
      Keys: {
        [tableDefinition.partitionKey]: { S: FilterRule.beginsWith(pk) },
        [tableDefinition.sortKey]: { S: FilterRule.isEqual(sk) },
      },
    },
  }),
);

export interface LogSequencerProps {
  /** The ledger table; its stream feeds the log. */
  readonly table: ITable;
  readonly functionsDir: string;
  readonly publicLog: PublicLog;
}

/**
 * Appends every new ledger entry and graduation to the public log, in the order the table's stream
 * delivers them, and publishes the tiles and a freshly signed checkpoint after each batch.
 *
 * A record must never be skipped, or the log would silently differ from the ledger: there is no
 * bisecting, no partial batch success and no retry limit, so a failing batch blocks its shard until
 * it succeeds. The stream keeps records for 24 hours only, so a blocked sequencer needs someone
 * within a day (its IteratorAge metric shows it). Ordering across concurrent invocations is not left to reserved concurrency: the
 * handler advances the log head with a compare-and-swap.
 */
export class LogSequencer extends Construct {
  public readonly handler: TerangFunction;
  public readonly eventSource: DynamoEventSource;

  public constructor(scope: Construct, id: string, props: LogSequencerProps) {
    super(scope, id);

    this.handler = new TerangFunction(this, 'Function', {
      entry: sequencerEntry,
      description: 'Sequences new ledger entries and graduations into the public verifiable log',
      table: props.table,
      functionsDir: props.functionsDir,
      // Reads and writes the log head and entry batches in the ledger table.
      tableAccess: 'readWrite',
      // A batch of 5000 entries means hashing, up to four tile levels, entry bundles and a signature.
      memorySize: 1024,
      timeout: Duration.minutes(5),
    });
    for (const [name, value] of Object.entries(props.publicLog.publisherEnvironmentFor(this.handler)))
      this.handler.addEnvironment(name, value);

    this.eventSource = new DynamoEventSource(props.table, {
      // The log starts at the oldest record the stream still holds.
      startingPosition: StartingPosition.TRIM_HORIZON,
      batchSize: 5000,
      maxBatchingWindow: Duration.seconds(1),
      // One batch per shard at a time keeps each shard's records in order.
      parallelizationFactor: 1,
      bisectBatchOnError: false,
      reportBatchItemFailures: false,
      // -1: retry until the batch succeeds. maxRecordAge is left at its default, also unlimited.
      retryAttempts: -1,
      filters: sequencerFilters,
    });
    this.handler.addEventSource(this.eventSource);
    // The event source grants dynamodb:ListStreams on the stream ARN only, but the action takes no
    // resource-level permission (aws/aws-cdk#34575), so that grant allows nothing. Lambda's poller
    // needs it; it lists stream ARNs and reads no data.
    this.handler.addToRolePolicy(new PolicyStatement({ actions: ['dynamodb:ListStreams'], resources: ['*'] }));
  }
}
