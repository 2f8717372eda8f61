import type { LocalApi } from './local-api.ts';

/** Small steps the integration tests share, each one real request through the local API. */
export async function registerOrganisation(api: LocalApi, kind: 'company' | 'baznas', name = `Org ${Math.random()}`): Promise<string> {
  const response = await api.call('POST', '/api/organisations', { token: await api.token('admin'), body: { name, kind } });
  if (response.status !== 201) throw new Error(`register organisation failed: ${response.status} ${JSON.stringify(response.body)}`);
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
