import { parseIsoInstant } from '../api/iso-date.ts';
import type { Fund } from '../domain/funds.ts';
import { sumRupiah } from '../domain/money.ts';
import type { LineFunding } from '../proposals/proposal.ts';
import type { RegistryStore } from '../registry/registry-store.ts';
import type { PaymentField, PaymentRequest } from './disbursement.ts';
import { paymentReferenceKey } from './payment-plan.ts';
import type { DisbursementStore, LineToPay } from './ports.ts';

export interface PaymentDependencies {
  readonly disbursements: DisbursementStore;
  /** Zakat lines are paid only to households the registry holds as mustahik at the time of payment. */
  readonly registry: Pick<RegistryStore, 'householdsByPseudonym'>;
}

/** One broken rule of one request (`index` in the list checked), with the HTTP status it maps to. */
export interface PaymentIssue {
  readonly index: number;
  readonly field: PaymentField;
  readonly status: 400 | 404 | 409 | 422;
  readonly code: string;
  readonly message: string;
}

/** A request that passed every check, with what its write needs. */
export interface CheckedPayment {
  readonly request: PaymentRequest;
  /** `paidAt` in UTC. */
  readonly paidAt: string;
  readonly target: LineToPay;
  readonly fund: Fund;
  readonly fundedBy: readonly LineFunding[];
}

/** Clocks of a phone and of the server disagree a little; a payment is "in the future" beyond this. */
export const paidAtClockSkewMs = 5 * 60 * 1000;

/**
 * Checks payments against everything the store and the registry hold, reading only: each issue
 * names the request and its field. The write re-checks the rules a concurrent request could break
 * (line still reserved, reference unused, evidence present, household not graduated) in its
 * transaction; the others cannot change between this read and that write.
 */
export async function checkPayments(
  deps: PaymentDependencies,
  requests: readonly PaymentRequest[],
  now: Date,
  /** How a message refers to another request of the same list (a batch says `row 7`). */
  label: (index: number) => string = (index) => `request ${index + 1}`,
): Promise<{ payments: CheckedPayment[]; issues: PaymentIssue[] }> {
  const lineIds = [...new Set(requests.map((request) => request.lineId))];
  const [targets, evidence, taken] = await Promise.all([
    deps.disbursements.linesToPay(lineIds),
    deps.disbursements.existingEvidence([...new Set(requests.map((request) => request.evidenceSha256))]),
    deps.disbursements.takenReferences(requests.map(({ channel, reference }) => ({ channel, reference }))),
  ]);
  const lines = [...targets.values()];
  const zakatHouseholds = lines.filter((target) => fundOf(target) === 'ZAKAT').map((target) => target.line.household);
  const [graduated, registered] = await Promise.all([
    deps.disbursements.graduatedHouseholds([...new Set(lines.map((target) => target.line.household))]),
    zakatHouseholds.length > 0
      ? deps.registry.householdsByPseudonym([...new Set(zakatHouseholds)])
      : Promise.resolve(new Map()),
  ]);

  const issues: PaymentIssue[] = [];
  const payments: CheckedPayment[] = [];
  const firstWithLine = new Map<string, number>();
  const firstWithReference = new Map<string, number>();
  requests.forEach((request, index) => {
    const found: PaymentIssue[] = [];
    const fail = (field: PaymentField, status: PaymentIssue['status'], code: string, message: string) =>
      found.push({ index, field, status, code, message });

    const target = targets.get(request.lineId);
    const status = target?.line.status ?? 'proposed';
    if (!target) {
      fail('lineId', 404, 'line_not_found', `no proposal line with id ${request.lineId}`);
    } else if (status === 'proposed') {
      fail('lineId', 409, 'line_not_reserved', 'the line is not reserved yet: its proposal must be approved first');
    } else if (status !== 'reserved') {
      fail('lineId', 409, 'already_paid', `the line was already paid (its payment is ${status})`);
    } else if (graduated.has(target.line.household)) {
      fail('lineId', 409, 'household_graduated', "the line's household has graduated and receives no more payments");
    } else if (fundOf(target) === 'ZAKAT' && registered.get(target.line.household)?.mustahik !== true) {
      fail(
        'lineId',
        422,
        'not_mustahik',
        'zakat is paid only to mustahik; the registry no longer lists this household so',
      );
    }
    const earlierLine = firstWithLine.get(request.lineId);
    if (earlierLine === undefined) firstWithLine.set(request.lineId, index);
    else
      fail('lineId', 409, 'duplicate_line', `the same line is paid twice in this batch (also ${label(earlierLine)})`);

    if (target && request.amount !== undefined && request.amount !== target.line.amount) {
      if (request.amount > target.line.amount) {
        fail('amount', 422, 'exceeds_reserved', `exceeds the ${target.line.amount} rupiah reserved for the line`);
      } else {
        fail('amount', 422, 'partial_payment', `a line is paid whole: pay all ${target.line.amount} rupiah`);
      }
    }

    const paidAt = parseIsoInstant(request.paidAt);
    if (!paidAt) {
      fail('paidAt', 400, 'invalid_paid_at', 'must be an ISO 8601 date or date-time with offset');
    } else if (paidAt.getTime() > now.getTime() + paidAtClockSkewMs) {
      fail('paidAt', 422, 'paid_at_in_future', 'lies in the future: record a payment once it has been made');
    }

    if (!evidence.has(request.evidenceSha256)) {
      fail('evidenceSha256', 422, 'evidence_not_found', 'no evidence file with this SHA-256: upload it first');
    }

    const referenceKey = paymentReferenceKey(request.channel, request.reference);
    const earlierReference = firstWithReference.get(referenceKey);
    if (taken.has(referenceKey)) {
      fail('reference', 409, 'duplicate_reference', `this ${request.channel} reference already paid another line`);
    } else if (earlierReference !== undefined) {
      fail(
        'reference',
        409,
        'duplicate_reference',
        `this reference appears twice in this batch (also ${label(earlierReference)})`,
      );
    } else {
      firstWithReference.set(referenceKey, index);
    }

    if (found.length > 0 || !target || !paidAt) {
      issues.push(...found);
      return;
    }
    payments.push({
      request,
      paidAt: paidAt.toISOString(),
      target,
      fund: fundOf(target),
      fundedBy: fundingOf(target),
    });
  });
  return { payments, issues };
}

function fundOf(target: LineToPay): Fund {
  return (target.line.fund as Fund | undefined) ?? target.proposal.rules.fund;
}

/** A reserved line always names what funds it; a line whose funding does not add up is a bug, not bad input. */
function fundingOf(target: LineToPay): readonly LineFunding[] {
  const fundedBy = target.line.fundedBy ?? [];
  const total = sumRupiah(fundedBy.map((part) => part.amount));
  if (total !== target.line.amount) {
    throw new Error(`line ${target.line.id} is reserved for ${target.line.amount} but funded by ${total}`);
  }
  return fundedBy;
}
