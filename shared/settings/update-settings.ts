import type { Activity } from '../domain/activity.ts';
import { requireRole, roles, type Caller } from '../domain/caller.ts';
import { conflict, problem, type Issue } from '../domain/errors.ts';
import type { Fund } from '../domain/funds.ts';
import { newId } from '../domain/ids.ts';
import type { Rupiah } from '../domain/money.ts';
import { zakatAmilLimit, type PolicySettings } from '../domain/settings.ts';
import type { TerangStore } from '../domain/store.ts';
import { formatShare } from '../expenses/policy.ts';

/** A partial update: only the named caps change. */
export interface SettingsPatch {
  readonly householdAnnualCap?: Rupiah | null;
  readonly ceremonialCap?: Readonly<Partial<Record<Fund, number>>>;
  readonly amilCap?: Readonly<Partial<Record<Fund, number>>>;
}

export type SettingsStore = Pick<TerangStore, 'getSettings' | 'putSettings'>;

/** The activity trail and the settings record share this subject. */
export const settingsSubject = 'settings';

/** Every signed-in role may read the caps the rules are checked against. */
export async function viewSettings(store: Pick<TerangStore, 'getSettings'>, caller: Caller): Promise<PolicySettings> {
  requireRole(caller, ...roles);
  return store.getSettings();
}

/**
 * The law's limits on the settings, whatever an admin asks for: zakat never pays ceremonies, CSR
 * has no amil (operating) share, and the zakat amil share is at most 12.5 % (UU 23/2011). A zero
 * for the first two is accepted, so the settings as read can be sent back unchanged.
 */
export function settingsIssues(patch: SettingsPatch): Issue[] {
  const issues: Issue[] = [];
  const ceremonialZakat = patch.ceremonialCap?.ZAKAT;
  if (ceremonialZakat !== undefined && ceremonialZakat > 0) {
    issues.push({
      path: 'ceremonialCap.ZAKAT',
      message: 'must be 0: zakat money never pays for ceremonial spending (it goes only to the 8 asnaf)',
    });
  }
  const amilZakat = patch.amilCap?.ZAKAT;
  if (amilZakat !== undefined && amilZakat > zakatAmilLimit) {
    issues.push({
      path: 'amilCap.ZAKAT',
      message: `must be at most ${zakatAmilLimit} (${formatShare(zakatAmilLimit)}): the amil share of zakat is limited by UU 23/2011`,
    });
  }
  const amilCsr = patch.amilCap?.CSR;
  if (amilCsr !== undefined && amilCsr > 0) {
    issues.push({ path: 'amilCap.CSR', message: 'must be 0: CSR money has no amil (operating) share' });
  }
  return issues;
}

/** The changed values, flattened (`ceremonialCap.CSR`), for the activity trail. */
function changes(patch: SettingsPatch): Record<string, string | number> {
  const details: Record<string, string | number> = {};
  if (patch.householdAnnualCap !== undefined) details['householdAnnualCap'] = patch.householdAnnualCap ?? 'none';
  for (const group of ['ceremonialCap', 'amilCap'] as const) {
    for (const [fund, share] of Object.entries(patch[group] ?? {})) details[`${group}.${fund}`] = share;
  }
  return details;
}

/** Two admins saving at once: the second re-reads and merges onto the first's result once. */
const attempts = 2;

/** The admin changes some caps; the rest stay as they were. Returns the merged settings. */
export async function updateSettings(
  store: SettingsStore,
  caller: Caller,
  patch: SettingsPatch,
  now: Date,
): Promise<PolicySettings> {
  requireRole(caller, 'admin');
  const issues = settingsIssues(patch);
  if (issues.length > 0) {
    throw problem(
      422,
      'setting_not_allowed',
      issues.map((issue) => `${issue.path} ${issue.message}`).join('; '),
      issues,
    );
  }
  for (let attempt = 1; attempt <= attempts; attempt += 1) {
    const current = await store.getSettings();
    const at = now.toISOString();
    const next: PolicySettings = {
      householdAnnualCap:
        patch.householdAnnualCap === undefined ? current.householdAnnualCap : patch.householdAnnualCap,
      ceremonialCap: { ...current.ceremonialCap, ...patch.ceremonialCap },
      amilCap: { ...current.amilCap, ...patch.amilCap },
      updatedAt: at,
      updatedBy: caller.sub,
    };
    const activity: Activity = {
      id: newId('act', now),
      subject: settingsSubject,
      action: 'settings.updated',
      actor: caller.sub,
      role: 'admin',
      at,
      details: changes(patch),
    };
    if (await store.putSettings(next, current.updatedAt, activity)) return next;
  }
  throw conflict('concurrent_settings_update', 'another admin changed the settings at the same moment; send it again');
}
