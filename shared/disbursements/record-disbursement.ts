import { requireRole, type Caller } from '../domain/caller.ts';
import { conflict, isProblem, problem, type Problem } from '../domain/errors.ts';
import { newId } from '../domain/ids.ts';
import type { Rupiah } from '../domain/money.ts';
import { disbursementEntryIds, type Disbursement, type PaymentRequest } from './disbursement.ts';
import { parseDisbursementCsv, rowPath } from './disbursement-csv.ts';
import { checkPayments, type CheckedPayment, type PaymentDependencies, type PaymentIssue } from './payment-checks.ts';
import { contributorShares, paidEntry, reachedChanges } from './payment-plan.ts';
import { reachedKey, RaceLost, type DisbursementStore, type ReachedItem } from './ports.ts';

/** A write that lost a race (RaceLost) is read again and retried this often before answering 409 busy. */
export const maxRaceRetries = 8;

/** Jittered, growing pauses, so racing writers stop meeting in lockstep (under 2 s over all the retries). */
export function raceBackOff(attempt: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.random() * 10 * 2 ** Math.min(attempt, 6)));
}

/**
 * Records one payment of a reserved line, in full, with its evidence. The first broken rule
 * decides the status (404 unknown line, 409 line not reserved / already paid / household
 * graduated / reference used, 422 amount / not mustahik / no evidence / paidAt in the future);
 * every broken rule is listed. Nothing is written on a refusal.
 */
export async function recordDisbursement(
  deps: PaymentDependencies,
  caller: Caller,
  request: PaymentRequest,
  now: Date,
): Promise<Disbursement> {
  requireRole(caller, 'officer');
  const { payments, issues } = await checkPayments(deps, [request], now);
  const [first] = issues;
  if (first) {
    throw problem(
      first.status,
      first.code,
      first.message,
      issues.map((issue) => ({ path: issue.field, message: `${issue.message} (${issue.code})` })),
    );
  }
  return pay(deps, caller, payments[0] as CheckedPayment, now);
}

/**
 * Records the bank's batch file. Every row is checked first (its fields, then the same rules as
 * a single payment, reading only, and repeats within the file); any problem refuses the whole file
 * with 422, naming `row N column` for each, and writes nothing. Then each row is recorded in file
 * order, one transaction each. Should a concurrent request break a rule between the check and a
 * row's write, that row is refused naming it, and the rows before it stay recorded (the message
 * lists them); sending the file again then reports those rows as already paid.
 */
export async function recordDisbursementBatch(
  deps: PaymentDependencies,
  caller: Caller,
  csv: Uint8Array,
  now: Date,
): Promise<Disbursement[]> {
  requireRole(caller, 'officer');
  const parsed = parseDisbursementCsv(csv);
  if (parsed.rows.length === 0) throw invalidBatch(parsed.issues);
  // Rows whose fields are fine are checked against the ledger too, so one answer lists every problem.
  const { payments, issues } = await checkPayments(
    deps,
    parsed.rows.map((row) => row.request),
    now,
    (index) => `row ${parsed.rows[index]?.row}`,
  );
  const ruleIssues = issues.map((issue: PaymentIssue) => ({
    row: parsed.rows[issue.index]?.row ?? 0,
    path: rowPath(parsed.rows[issue.index]?.row ?? 0, issue.field),
    message: `${issue.message} (${issue.code})`,
  }));
  const all = [...parsed.issues.map((issue) => ({ row: rowOf(issue.path), ...issue })), ...ruleIssues];
  if (all.length > 0) {
    throw invalidBatch(all.sort((a, b) => a.row - b.row).map(({ path, message }) => ({ path, message })));
  }
  // One read of every contributor's reachedHousehold item the batch touches; each row's write
  // then conditions on what this batch knows, and reads again only if another request moved it.
  const known = await knownReached(
    deps.disbursements,
    payments.flatMap((payment) =>
      payment.fundedBy.map((part) => ({ orgId: part.orgId, household: payment.target.line.household })),
    ),
  );
  const recorded: Disbursement[] = [];
  for (const [index, payment] of payments.entries()) {
    try {
      recorded.push(await pay(deps, caller, payment, now, known));
    } catch (error) {
      if (!isProblem(error)) throw error;
      throw partialBatch(error, parsed.rows[index]?.row ?? 0, recorded);
    }
  }
  return recorded;
}

function rowOf(path: string): number {
  return Number(/^row (\d+)/u.exec(path)?.[1] ?? 0);
}

function invalidBatch(issues: readonly { path: string; message: string }[]): Problem {
  const message =
    issues.length === 1
      ? `the batch was not recorded: ${issues[0]?.path} ${issues[0]?.message}`
      : `the batch was not recorded: ${issues.length} problems, the first ${issues[0]?.path} ${issues[0]?.message}`;
  return problem(422, 'invalid_batch', message, issues);
}

function partialBatch(error: Problem, row: number, recorded: readonly Disbursement[]): Problem {
  const before =
    recorded.length === 0
      ? 'no row was recorded'
      : `the ${recorded.length} row(s) before it were recorded (lines ${recorded.map((d) => d.lineId).join(', ')})`;
  return problem(
    error.statusCode,
    error.code,
    `row ${row} was refused while recording (${error.message}); ${before}`,
    error.issues.map((issue) => ({ path: `row ${row} ${issue.path}`, message: issue.message })),
  );
}

/** reachedHousehold amounts by `reachedKey`; undefined = known to have no item. */
type KnownReached = Map<string, Rupiah | undefined>;

async function knownReached(store: DisbursementStore, items: readonly ReachedItem[]): Promise<KnownReached> {
  const unique = [...new Map(items.map((item) => [reachedKey(item), item])).values()];
  const found = await store.reachedAmounts(unique);
  return new Map(unique.map((item) => [reachedKey(item), found.get(reachedKey(item))]));
}

/**
 * What each contributor holds in the household now, from `known` when it covers them all (the
 * first attempt of a batch row), else read afresh.
 */
export async function reachedBefore(
  store: DisbursementStore,
  orgIds: readonly string[],
  household: string,
  known?: KnownReached,
): Promise<Map<string, Rupiah>> {
  const items = orgIds.map((orgId) => ({ orgId, household }));
  const amounts =
    known && items.every((item) => known.has(reachedKey(item))) ? known : await knownReached(store, items);
  const before = new Map<string, Rupiah>();
  for (const item of items) {
    const amount = amounts.get(reachedKey(item));
    if (amount !== undefined) before.set(item.orgId, amount);
  }
  return before;
}

async function pay(
  deps: PaymentDependencies,
  caller: Caller,
  payment: CheckedPayment,
  now: Date,
  known?: KnownReached,
): Promise<Disbursement> {
  const { line, proposal } = payment.target;
  const id = newId('dsb', now);
  const recordedAt = now.toISOString();
  const disbursement: Disbursement = {
    id,
    lineId: line.id,
    proposalId: proposal.id,
    household: line.household,
    kecamatan: line.kecamatan,
    fund: payment.fund,
    fiscalYear: proposal.fiscalYear,
    amount: line.amount,
    channel: payment.request.channel,
    reference: payment.request.reference,
    paidAt: payment.paidAt,
    evidenceSha256: payment.request.evidenceSha256,
    status: 'paid',
    entryId: disbursementEntryIds.paid(id),
    fundedBy: payment.fundedBy,
    recordedBy: caller.sub,
    recordedAt,
  };
  const entry = paidEntry(disbursement);
  const shares = contributorShares(disbursement.fundedBy);
  const activity = {
    id: newId('act', now),
    subject: id,
    action: 'disbursement.paid',
    actor: caller.sub,
    role: 'officer' as const,
    at: recordedAt,
    details: {
      lineId: line.id,
      proposalId: proposal.id,
      fund: disbursement.fund,
      kecamatan: disbursement.kecamatan,
      amount: disbursement.amount,
      channel: disbursement.channel,
    },
  };
  for (let attempt = 0; ; attempt += 1) {
    const before = await reachedBefore(
      deps.disbursements,
      [...shares.keys()],
      line.household,
      attempt === 0 ? known : undefined,
    );
    const reached = reachedChanges(shares, before, 1);
    try {
      await deps.disbursements.recordPayment({ disbursement, entry, reached, activity });
      for (const change of reached) {
        known?.set(
          reachedKey({ orgId: change.orgId, household: line.household }),
          (change.before ?? 0) + change.amount,
        );
      }
      return disbursement;
    } catch (error) {
      if (!(error instanceof RaceLost)) throw error;
      if (attempt >= maxRaceRetries) {
        throw conflict(
          'busy',
          'other payments kept changing the same totals; nothing was written, try again',
          'lineId',
        );
      }
      await raceBackOff(attempt);
    }
  }
}
