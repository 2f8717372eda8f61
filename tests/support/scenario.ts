import type { LocalApi } from './local-api.ts';

/** Small steps the integration tests share, each one real request through the local API. */
export async function registerOrganisation(
  api: LocalApi,
  kind: 'company' | 'baznas',
  name = `Org ${Math.random()}`,
): Promise<string> {
  const response = await api.call('POST', '/api/organisations', {
    token: await api.token('admin'),
    body: { name, kind },
  });
  if (response.status !== 201)
    throw new Error(`register organisation failed: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body.id as string;
}

let transferCounter = 0;
export function uniqueTransferRef(): string {
  transferCounter += 1;
  return `TRF-${Date.now()}-${transferCounter}`;
}

export async function declare(
  api: LocalApi,
  orgId: string,
  kind: 'company' | 'baznas',
  fields: { fund?: string; amount?: number; pledgeId?: string } = {},
): Promise<string> {
  const response = await api.call('POST', '/api/contributions', {
    token: await api.token(kind, { orgId }),
    body: {
      orgId,
      fund: fields.fund ?? (kind === 'company' ? 'CSR' : 'ZAKAT'),
      amount: fields.amount ?? 1_000_000,
      transferRef: uniqueTransferRef(),
      transferredAt: '2026-01-15T09:30:00+08:00',
      ...(fields.pledgeId ? { pledgeId: fields.pledgeId } : {}),
    },
  });
  if (response.status !== 201) throw new Error(`declare failed: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body.id as string;
}

/** A declaration body that passes every rule for a company (CSR) or BAZNAS (ZAKAT); override to break one. */
export function declaration(
  orgId: string,
  kind: 'company' | 'baznas',
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    orgId,
    fund: kind === 'company' ? 'CSR' : 'ZAKAT',
    amount: 1_000_000,
    transferRef: uniqueTransferRef(),
    transferredAt: '2026-01-15T09:30:00+08:00',
    ...overrides,
  };
}

export async function pledge(
  api: LocalApi,
  orgId: string,
  fields: { amount?: number; fiscalYear?: number; earmark?: Record<string, unknown> } = {},
): Promise<string> {
  const response = await api.call('POST', '/api/pledges', {
    token: await api.token('company', { orgId }),
    body: {
      orgId,
      amount: fields.amount ?? 5_000_000,
      fiscalYear: fields.fiscalYear ?? new Date().getUTCFullYear(),
      ...(fields.earmark ? { earmark: fields.earmark } : {}),
    },
  });
  if (response.status !== 201) throw new Error(`pledge failed: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body.id as string;
}

export async function confirm(api: LocalApi, contributionId: string): Promise<void> {
  const response = await api.call('POST', `/api/contributions/${contributionId}/confirm`, {
    token: await api.token('treasurer'),
  });
  if (response.status !== 200) throw new Error(`confirm failed: ${response.status} ${JSON.stringify(response.body)}`);
}

/** What the public sees (summary without its `asOf` clock, and the organisation list). */
export async function publicView(
  api: LocalApi,
): Promise<{ summary: Record<string, unknown>; organisations: unknown[] }> {
  const [summary, organisations] = await Promise.all([
    api.call('GET', '/api/public/summary'),
    api.call('GET', '/api/public/organisations'),
  ]);
  const { asOf: _asOf, ...rest } = summary.body as Record<string, unknown>;
  return { summary: rest, organisations: (organisations.body as { items: unknown[] }).items };
}

/** Items of one entity type (`Contribution`, `Pledge`, …) in a table snapshot. */
export function itemsOf(snapshot: readonly Record<string, unknown>[], entity: string): Record<string, unknown>[] {
  return snapshot.filter((item) => item['entity'] === entity);
}
