import type { ActivityLog, ActivityPage } from './activity.ts';
import { requireRole, type Caller } from './caller.ts';

export const activityPerPage = 100;

/** The team and BAZNAS read the trail (the public sees the ledger itself, not who clicked). */
export async function listActivity(
  log: ActivityLog,
  caller: Caller,
  query: { readonly subject?: string | undefined; readonly cursor?: string | undefined },
): Promise<ActivityPage> {
  requireRole(caller, 'admin', 'officer', 'approver', 'baznas', 'treasurer');
  return log.list(query.subject || undefined, query.cursor || undefined, activityPerPage);
}
