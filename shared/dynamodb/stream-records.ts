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
    const item = plainItem(image);
    if (item['sk'] === 'ENTRY' && item['entity'] === 'LedgerEntry') {
      const { pk: _pk, sk: _sk, gsi1pk: _gsi1pk, gsi1sk: _gsi1sk, entity: _entity, ...entry } = item;
      loggable.push({ kind: 'entry', entry: entry as unknown as LedgerEntry });
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

/**
 * A stream image (DynamoDB's attribute-value JSON) as plain values. Written out rather than taken
 * from util-dynamodb: it runs for every record the sequencer reads, and this is several times faster.
 */
function plainItem(image: Record<string, unknown>): Record<string, unknown> {
  const item: Record<string, unknown> = {};
  for (const name in image) item[name] = plainValue(image[name] as Record<string, unknown>);
  return item;
}

function plainValue(value: Record<string, unknown>): unknown {
  if ('S' in value) return value['S'];
  if ('N' in value) return Number(value['N']);
  if ('M' in value) return plainItem(value['M'] as Record<string, unknown>);
  if ('L' in value) return (value['L'] as Record<string, unknown>[]).map(plainValue);
  if ('BOOL' in value) return value['BOOL'];
  if ('NULL' in value) return null;
  if ('SS' in value) return new Set(value['SS'] as string[]);
  if ('NS' in value) return new Set((value['NS'] as string[]).map(Number));
  // Binary values are not part of any record the log reads.
  return undefined;
}
