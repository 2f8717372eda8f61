/**
 * Every HTTP route of the API, declared once. CDK turns each entry into a Lambda function and an
 * HTTP API route; the local dev server (infra/local) imports the very same handler modules and
 * dispatches to them. Plain data: importing this file loads no handler code.
 */
export interface RouteDefinition {
  /** Logical name, used for the Lambda construct id and the Powertools idempotency scope. */
  readonly name: string;
  readonly method: 'GET' | 'POST';
  /** API Gateway HTTP API route path, with `{param}` placeholders. */
  readonly path: string;
  /** Handler module relative to functions/, exporting `handler`. */
  readonly entry: string;
  /** `jwt`: the route sits behind the Cognito JWT authorizer (the local server verifies its own tokens). */
  readonly auth: 'jwt' | 'none';
  /** What the function may do to the table; CDK grants exactly this. */
  readonly tableAccess: 'read' | 'readWrite';
  /** Keys beyond the table: `registry` = the KMS key for personal data and the pseudonym secret. */
  readonly secrets?: readonly 'registry'[];
  /**
   * `evidence`: may write evidence files to the evidence bucket (S3; a local directory off AWS).
   * `log`: may read the public log's tiles and checkpoint from the log bucket (S3; a local directory off AWS).
   */
  readonly bucket?: 'evidence' | 'log';
  /** Works through a whole registry: gets 1 GB and API Gateway's full 29 s instead of the defaults. */
  readonly heavy?: true;
}

export const routes: readonly RouteDefinition[] = [
  { name: 'Health', method: 'GET', path: '/api/health', entry: 'health/get.ts', auth: 'none', tableAccess: 'read' },
  {
    name: 'CreateOrganisation',
    method: 'POST',
    path: '/api/organisations',
    entry: 'organisations/create.ts',
    auth: 'jwt',
    tableAccess: 'readWrite',
  },
  {
    name: 'CreatePledge',
    method: 'POST',
    path: '/api/pledges',
    entry: 'pledges/create.ts',
    auth: 'jwt',
    tableAccess: 'readWrite',
  },
  {
    name: 'DeclareContribution',
    method: 'POST',
    path: '/api/contributions',
    entry: 'contributions/declare.ts',
    auth: 'jwt',
    tableAccess: 'readWrite',
  },
  {
    name: 'ConfirmContribution',
    method: 'POST',
    path: '/api/contributions/{id}/confirm',
    entry: 'contributions/confirm.ts',
    auth: 'jwt',
    tableAccess: 'readWrite',
  },
  {
    name: 'PublicSummary',
    method: 'GET',
    path: '/api/public/summary',
    entry: 'public/summary.ts',
    auth: 'none',
    tableAccess: 'read',
  },
  {
    name: 'PublicLedger',
    method: 'GET',
    path: '/api/public/ledger',
    entry: 'public/ledger.ts',
    auth: 'none',
    tableAccess: 'read',
  },
  {
    name: 'PublicLedgerReceipt',
    method: 'GET',
    path: '/api/public/ledger/{index}/receipt',
    entry: 'public/ledger-receipt.ts',
    auth: 'none',
    tableAccess: 'read',
    bucket: 'log',
  },
  {
    name: 'PublicContributionReceipt',
    method: 'GET',
    path: '/api/public/contributions/{id}/receipt',
    entry: 'public/contribution-receipt.ts',
    auth: 'none',
    tableAccess: 'read',
    bucket: 'log',
  },
  {
    name: 'PublicOrganisations',
    method: 'GET',
    path: '/api/public/organisations',
    entry: 'public/organisations.ts',
    auth: 'none',
    tableAccess: 'read',
  },
  {
    name: 'PublicKecamatan',
    method: 'GET',
    path: '/api/public/kecamatan',
    entry: 'public/kecamatan.ts',
    auth: 'none',
    tableAccess: 'read',
  },
  {
    name: 'CreateRegistryImport',
    method: 'POST',
    path: '/api/registry/imports',
    entry: 'registry/create-import.ts',
    auth: 'jwt',
    tableAccess: 'readWrite',
    secrets: ['registry'],
    heavy: true,
  },
  {
    name: 'GetRegistryImport',
    method: 'GET',
    path: '/api/registry/imports/{id}',
    entry: 'registry/get-import.ts',
    auth: 'jwt',
    tableAccess: 'read',
  },
  {
    name: 'ProposeAllocation',
    method: 'POST',
    path: '/api/allocations',
    entry: 'allocations/propose.ts',
    auth: 'jwt',
    tableAccess: 'readWrite',
    heavy: true,
  },
  {
    name: 'GetAllocation',
    method: 'GET',
    path: '/api/allocations/{id}',
    entry: 'allocations/get.ts',
    auth: 'jwt',
    tableAccess: 'read',
  },
  {
    name: 'ApproveAllocation',
    method: 'POST',
    path: '/api/allocations/{id}/approve',
    entry: 'allocations/approve.ts',
    auth: 'jwt',
    tableAccess: 'readWrite',
    heavy: true,
  },
  {
    name: 'RejectAllocation',
    method: 'POST',
    path: '/api/allocations/{id}/reject',
    entry: 'allocations/reject.ts',
    auth: 'jwt',
    tableAccess: 'readWrite',
  },
  {
    name: 'ResumeAllocation',
    method: 'POST',
    path: '/api/allocations/{id}/resume',
    entry: 'allocations/resume.ts',
    auth: 'jwt',
    tableAccess: 'readWrite',
    heavy: true,
  },
  {
    name: 'ListActivity',
    method: 'GET',
    path: '/api/activity',
    entry: 'activity/list.ts',
    auth: 'jwt',
    tableAccess: 'read',
  },
  {
    name: 'UploadEvidence',
    method: 'POST',
    path: '/api/evidence',
    entry: 'disbursements/upload-evidence.ts',
    auth: 'jwt',
    tableAccess: 'readWrite',
    bucket: 'evidence',
  },
  {
    name: 'RecordDisbursement',
    method: 'POST',
    path: '/api/disbursements',
    entry: 'disbursements/record.ts',
    auth: 'jwt',
    tableAccess: 'readWrite',
  },
  {
    name: 'FailDisbursement',
    method: 'POST',
    path: '/api/disbursements/{id}/fail',
    entry: 'disbursements/fail.ts',
    auth: 'jwt',
    tableAccess: 'readWrite',
  },
  {
    name: 'RecordExpense',
    method: 'POST',
    path: '/api/expenses',
    entry: 'expenses/record.ts',
    auth: 'jwt',
    tableAccess: 'readWrite',
  },
  {
    name: 'GetSettings',
    method: 'GET',
    path: '/api/settings',
    entry: 'settings/get.ts',
    auth: 'jwt',
    tableAccess: 'read',
  },
  {
    name: 'UpdateSettings',
    method: 'POST',
    path: '/api/settings',
    entry: 'settings/update.ts',
    auth: 'jwt',
    tableAccess: 'readWrite',
  },
  {
    name: 'PublicFlows',
    method: 'GET',
    path: '/api/public/flows',
    entry: 'public/flows.ts',
    auth: 'none',
    tableAccess: 'read',
  },
  {
    name: 'CreateProgramme',
    method: 'POST',
    path: '/api/programmes',
    entry: 'programmes/create.ts',
    auth: 'jwt',
    tableAccess: 'readWrite',
  },
  {
    name: 'GetProgramme',
    method: 'GET',
    path: '/api/programmes/{id}',
    entry: 'programmes/get.ts',
    auth: 'jwt',
    tableAccess: 'read',
  },
  {
    name: 'RecordTargets',
    method: 'POST',
    path: '/api/programmes/{id}/targets',
    entry: 'programmes/record-targets.ts',
    auth: 'jwt',
    tableAccess: 'readWrite',
  },
  {
    name: 'ApproveTargets',
    method: 'POST',
    path: '/api/programmes/{id}/targets/{household}/{stage}/approve',
    entry: 'programmes/approve-targets.ts',
    auth: 'jwt',
    tableAccess: 'readWrite',
  },
  {
    name: 'RecordGraduation',
    method: 'POST',
    path: '/api/graduations',
    entry: 'graduations/record.ts',
    auth: 'jwt',
    tableAccess: 'readWrite',
  },
  {
    name: 'RecordFollowUp',
    method: 'POST',
    path: '/api/graduations/{household}/follow-ups',
    entry: 'graduations/follow-up.ts',
    auth: 'jwt',
    tableAccess: 'readWrite',
  },
];

/** Seconds a route's function may run: API Gateway's own ceiling (29 s) for heavy routes. */
export function routeTimeoutSeconds(route: RouteDefinition): number {
  return route.heavy ? 29 : 10;
}

export { handlerEnvironment } from '../shared/environment.ts';
