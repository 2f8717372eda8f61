import type { PaymentDependencies } from '../../shared/disbursements/payment-checks.ts';
import { badRequest, problem } from '../../shared/domain/errors.ts';
import { documentClient, tableNameFromEnvironment } from '../../shared/dynamodb/client.ts';
import { DynamoDbDisbursementStore } from '../../shared/dynamodb/dynamodb-disbursement-store.ts';
import type { ApiEvent } from './api-types.ts';
import { registry } from './registry-store.ts';

/** Module scope, like the store: one per Lambda container, reused across invocations. */
export const disbursements = new DynamoDbDisbursementStore(documentClient, tableNameFromEnvironment());

export const paymentDependencies: PaymentDependencies = { disbursements, registry };

/** A batch of at most `maxBatchRows` rows is far below this. */
export const maxBatchBytes = 1024 * 1024;

/** The body's bytes exactly as sent: API Gateway base64-encodes binary bodies. */
export function bodyBytes(event: ApiEvent): Uint8Array {
  return event.body ? Buffer.from(event.body, event.isBase64Encoded ? 'base64' : 'utf8') : Buffer.alloc(0);
}

/** The bank's batch file rather than one JSON payment. */
export function isCsvUpload(event: ApiEvent): boolean {
  return /^(text\/csv|application\/csv|application\/vnd\.ms-excel)\b/iu.test(event.headers['content-type'] ?? '');
}

export function batchBody(event: ApiEvent): Uint8Array {
  const bytes = bodyBytes(event);
  if (bytes.length > maxBatchBytes) {
    throw problem(413, 'payload_too_large', `the batch file exceeds ${maxBatchBytes} bytes; split it`, [
      { path: '(body)', message: `exceeds ${maxBatchBytes} bytes` },
    ]);
  }
  if (bytes.length === 0) {
    throw badRequest('missing_body', 'the batch file is missing', [{ path: '(body)', message: 'is missing' }]);
  }
  return bytes;
}
