import { canonicalJson } from '../../allocation/canonical-json.ts';
import { funds, isFund } from '../../domain/funds.ts';
import { accountType, normalSide } from '../../domain/ledger.ts';
import { fail } from './failures.ts';

/** The totals the public summary publishes, recomputed from the log's entries. */
export interface LedgerTotals {
  /** Σ contributor balances, all funds. */
  readonly confirmed: number;
  /** Per fund: Σ contributor balances. */
  readonly byFund: Readonly<Record<string, number>>;
  /** Per fund: the balance of `fund:<F>`. */
  readonly balances: Readonly<Record<string, number>>;
}

interface AccountKind {
  readonly side: 'debit' | 'credit';
  readonly contributor: boolean;
}

const decoder = new TextDecoder('utf-8', { fatal: true });

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function add(a: number, b: number, index: number): number {
  const sum = a + b;
  if (!Number.isSafeInteger(sum)) fail(`entry ${index}: a sum of amounts leaves the safe integer range`);
  return sum;
}

/**
 * Whether `text` is the RFC 8785 form of `value`, its parse. Valid UTF-8 both ways, so equal strings
 * are equal bytes. JSON.stringify writes strings and numbers as RFC 8785 does and members in property
 * order, which is the text's order but for integer-like keys: when every object's keys are sorted, it
 * is the canonical form, three times faster than canonicalJson; anything else takes the slow path.
 */
function isCanonical(value: unknown, text: string): boolean {
  if (JSON.stringify(value) === text && keysSorted(value)) return true;
  return canonicalJson(value) === text;
}

function keysSorted(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return true;
  if (Array.isArray(value)) {
    for (const item of value) if (!keysSorted(item)) return false;
    return true;
  }
  let previous: string | undefined;
  for (const key in value) {
    // `<` on strings compares UTF-16 code units, RFC 8785's order.
    if (previous !== undefined && !(previous < key)) return false;
    previous = key;
    if (!keysSorted((value as Record<string, unknown>)[key])) return false;
  }
  return true;
}

/**
 * Replays public entries in log order: checks each one on its own (canonical JSON, its index, a
 * balanced double entry within one fund) and against the ledger so far (no account ever below zero on
 * its normal side), keeping only the non-zero balances and the published totals.
 */
export class LedgerReplay {
  private readonly balances = new Map<string, number>();
  private readonly contributorByFund = new Map<string, number>();
  private readonly kinds = new Map<string, AccountKind>();

  /** Checks the entry at `index` and applies it; throws a VerificationFailure naming the index. */
  apply(bytes: Uint8Array, index: number): void {
    let text: string;
    try {
      text = decoder.decode(bytes);
    } catch {
      fail(`entry ${index} is not valid UTF-8`);
    }
    let entry: unknown;
    try {
      entry = JSON.parse(text);
    } catch {
      fail(`entry ${index} is not JSON`);
    }
    if (!isCanonical(entry, text)) fail(`entry ${index} is not canonical JSON (RFC 8785)`);
    if (!isRecord(entry)) fail(`entry ${index} is not a JSON object`);
    if (entry['v'] !== 1) fail(`entry ${index} has version ${JSON.stringify(entry['v'])}, not 1`);
    if (entry['index'] !== index) fail(`entry ${index} says it is entry ${JSON.stringify(entry['index'])}`);
    const postings = entry['postings'];
    if (!Array.isArray(postings)) fail(`entry ${index} has no postings list`);
    const fund = entry['fund'];
    if (postings.length > 0 && !isFund(fund)) fail(`entry ${index} has postings but fund ${JSON.stringify(fund)}`);

    const suffix = `:${fund as string}`;
    const deltas = new Map<string, number>();
    let sum = 0;
    let debits = 0;
    let contributors = 0;
    for (const posting of postings as unknown[]) {
      if (!isRecord(posting) || typeof posting['account'] !== 'string') {
        fail(`entry ${index} has a posting without an account`);
      }
      const account = posting['account'];
      const amount = posting['amount'];
      if (typeof amount !== 'number' || !Number.isSafeInteger(amount) || amount === 0) {
        fail(`entry ${index} posts ${JSON.stringify(amount)} to ${account}: not a non-zero whole rupiah amount`);
      }
      if (!account.endsWith(suffix)) fail(`entry ${index} posts to ${account}, outside fund ${fund}`);
      const type = this.typeOf(account, index);
      sum = add(sum, amount, index);
      if (amount > 0) debits = add(debits, amount, index);
      const delta = type.side === 'debit' ? amount : -amount;
      if (type.contributor) contributors = add(contributors, delta, index);
      deltas.set(account, add(deltas.get(account) ?? 0, delta, index));
    }
    if (sum !== 0) fail(`entry ${index}'s postings sum to ${sum}, not zero`);
    if (entry['amount'] !== debits) {
      fail(`entry ${index} has amount ${JSON.stringify(entry['amount'])}, but its postings move ${debits}`);
    }

    // Every check first, then the update: a failing entry leaves the balances as they were.
    for (const [account, delta] of deltas) {
      const balance = add(this.balances.get(account) ?? 0, delta, index);
      if (balance < 0) fail(`entry ${index} takes ${account} below zero (to ${balance})`);
      deltas.set(account, balance);
    }
    for (const [account, balance] of deltas) {
      // Zero is the same as never posted: forgetting it bounds a long log's memory by its open accounts.
      if (balance === 0) this.balances.delete(account);
      else this.balances.set(account, balance);
    }
    if (contributors !== 0) {
      this.contributorByFund.set(
        fund as string,
        add(this.contributorByFund.get(fund as string) ?? 0, contributors, index),
      );
    }
  }

  /** An account's normal side (shared/domain/ledger.ts), looked up once per account type. */
  private typeOf(account: string, index: number): AccountKind {
    const type = account.slice(0, account.indexOf(':'));
    let kind = this.kinds.get(type);
    if (!kind) {
      try {
        kind = { side: normalSide(account), contributor: accountType(account) === 'contributor' };
      } catch {
        fail(`entry ${index} posts to ${account}, an account of unknown type`);
      }
      this.kinds.set(type, kind);
    }
    return kind;
  }

  balance(account: string): number {
    return this.balances.get(account) ?? 0;
  }

  totals(): LedgerTotals {
    const byFund: Record<string, number> = {};
    const balances: Record<string, number> = {};
    let confirmed = 0;
    for (const fund of funds) {
      byFund[fund] = this.contributorByFund.get(fund) ?? 0;
      balances[fund] = this.balance(`fund:${fund}`);
      confirmed += byFund[fund];
    }
    return { confirmed, byFund, balances };
  }
}
