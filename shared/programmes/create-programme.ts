import type { Activity } from '../domain/activity.ts';
import { requireRole, type Caller } from '../domain/caller.ts';
import { problem, type Issue } from '../domain/errors.ts';
import type { Fund } from '../domain/funds.ts';
import { newId } from '../domain/ids.ts';
import type { EarmarkCategory } from '../domain/pledges.ts';
import type { Programme, ProgrammeStore, Stage, Tranche } from './programme.ts';

export interface CreateProgrammeInput {
  readonly id: string;
  readonly name: string;
  readonly fund?: Fund;
  readonly category?: EarmarkCategory;
  readonly tranches: readonly Tranche[];
  readonly stages: readonly Stage[];
}

/**
 * Tranches must be numbered 1..n in order, and stages 1..n − 1 (stage k holds the targets that open
 * tranche k + 1), each listing distinct target codes: a tranche no stage opens would be paid unchecked.
 */
function structureIssues(input: CreateProgrammeInput): Issue[] {
  const issues: Issue[] = [];
  input.tranches.forEach((tranche, index) => {
    if (tranche.tranche !== index + 1) {
      issues.push({
        path: `tranches.${index}.tranche`,
        message: `must be ${index + 1}: tranches are numbered 1, 2, 3… in order`,
      });
    }
  });
  const expectedStages = input.tranches.length - 1;
  if (input.stages.length !== expectedStages) {
    issues.push({
      path: 'stages',
      message: `must list ${expectedStages} stage${expectedStages === 1 ? '' : 's'}, one before each tranche after the first`,
    });
  }
  input.stages.forEach((stage, index) => {
    if (stage.stage !== index + 1) {
      issues.push({
        path: `stages.${index}.stage`,
        message: `must be ${index + 1}: stages are numbered 1, 2, 3… in order`,
      });
    }
    const seen = new Set<string>();
    stage.targets.forEach((code, position) => {
      if (seen.has(code))
        issues.push({ path: `stages.${index}.targets.${position}`, message: `repeats target ${code}` });
      seen.add(code);
    });
  });
  return issues;
}

/** Admin registers a staged programme (its id is a readable slug such as `makin-mesra`). */
export async function createProgramme(
  programmes: ProgrammeStore,
  caller: Caller,
  input: CreateProgrammeInput,
  now: Date,
): Promise<Programme> {
  requireRole(caller, 'admin');
  const issues = structureIssues(input);
  if (issues.length > 0) {
    throw problem(422, 'invalid_programme', issues.map((issue) => `${issue.path} ${issue.message}`).join('; '), issues);
  }
  const at = now.toISOString();
  const programme: Programme = {
    id: input.id,
    name: input.name,
    ...(input.fund ? { fund: input.fund } : {}),
    ...(input.category ? { category: input.category } : {}),
    tranches: input.tranches.map(({ tranche, amount }) => ({ tranche, amount })),
    stages: input.stages.map(({ stage, targets }) => ({ stage, targets: [...targets] })),
    createdAt: at,
    createdBy: caller.sub,
  };
  const activity: Activity = {
    id: newId('act', now),
    subject: programme.id,
    action: 'programme.created',
    actor: caller.sub,
    role: 'admin',
    at,
    details: { tranches: programme.tranches.length, ...(programme.fund ? { fund: programme.fund } : {}) },
  };
  await programmes.createProgramme(programme, activity);
  return programme;
}
