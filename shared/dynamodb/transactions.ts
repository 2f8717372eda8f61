import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/** Reason codes of a cancelled transaction, one per action, in action order ('None' when fine). */
export class TransactionCancelled extends Error {
  constructor(readonly reasons: readonly string[]) {
    super(`transaction cancelled: ${reasons.join(', ')}`);
  }

  failedAt(index: number): boolean {
    return this.reasons[index] === 'ConditionalCheckFailed';
  }
}

const maxConflictRetries = 10;

/**
 * Runs one TransactWriteItems call. Conflicts with a concurrent transaction on the same item are
 * retried with jittered back-off (they say nothing about our data); condition failures are
 * returned to the caller as reasons to map onto domain errors.
 */
export async function transactWrite(client: DynamoDBDocumentClient, input: TransactWriteCommandInput): Promise<void> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      await client.send(new TransactWriteCommand(input));
      return;
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      const reasons = (error.CancellationReasons ?? []).map((reason) => reason.Code ?? 'None');
      const conflicted = reasons.includes('TransactionConflict') && !reasons.includes('ConditionalCheckFailed');
      if (!conflicted || attempt >= maxConflictRetries) throw new TransactionCancelled(reasons);
      await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(1_000, 25 * 2 ** attempt)));
    }
  }
}
