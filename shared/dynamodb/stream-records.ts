import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';

import type { LedgerEntry } from '../domain/ledger.ts';
import type { LoggableRecord } from '../log/public-entry.ts';

/** The part of a DynamoDB stream record (Lambda event or GetRecords) the log reads. */
export interface StreamRecordLike {
  readonly eventName?: string | undefined;
  readonly dynamodb?: { readonly NewImage?: Record<string, unknown> | undefined } | undefined;
}

/**
 * The stream records that enter the public log, in stream order: new ledger entries and new
 * graduations. Everything else in the table (balances, proposals, the log's own items) is skipped.
 */
export function loggableRecords(records: readonly StreamRecordLike[]): LoggableRecord[] {
  const loggable: LoggableRecord[] = [];
  for (const record of records) {
    const image = record.dynamodb?.NewImage;
    if (record.eventName !== 'INSERT' || !image) continue;
    const item = unmarshall(image as Record<string, AttributeValue>);
    if (item['sk'] === 'ENTRY' && item['entity'] === 'LedgerEntry') {
      const { pk: _pk, sk: _sk, gsi1pk: _gsi1pk, gsi1sk: _gsi1sk, entity: _entity, ...entry } = item;
      loggable.push({ kind: 'entry', entry: entry as LedgerEntry });
    } else if (item['sk'] === 'GRADUATION' && typeof item['household'] === 'string') {
      loggable.push({
        kind: 'graduation',
        graduation: {
          household: item['household'] as string,
          kecamatan: item['kecamatan'] as string,
          kind: item['kind'] as string,
          graduatedOn: item['graduatedOn'] as string,
          recordedAt: item['recordedAt'] as string,
        },
      });
    }
  }
  return loggable;
}
