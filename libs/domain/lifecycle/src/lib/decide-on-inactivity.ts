import type { StageRules } from '@baton/scoring-domain';
import { DAY_MS, type LeadLifecycle, type LifecycleDecision } from './lead-lifecycle';
import type { Stage } from './stage';
import { isFinalStage } from './stage-machine';

/** The stages a lead goes cold in: contacts, MQLs and SQLs. Opportunities are sales' to close. */
export const RECYCLABLE_STAGES: readonly Stage[] = ['contact', 'mql', 'sql'];

export function isRecyclable(stage: Stage): boolean {
  return RECYCLABLE_STAGES.includes(stage);
}

/** The time (ms) a lead idle since before `now` (a clock reading) has been idle too long: `stages.recycle.inactiveDays` earlier. */
export function idleCutoff(now: string, rules: StageRules): number {
  return Date.parse(now) - rules.recycle.inactiveDays * DAY_MS;
}

/**
 * Whether a lead has gone cold by `now` (a clock reading): a contact, MQL or SQL idle for more than `inactiveDays` days
 * goes back to nurturing. Idle since its latest activity (event time), or since it entered its stage when that came
 * later: a lead that Baton has just made a contact from activity of long ago has not been left alone as a contact yet.
 */
export function decideOnInactivity(lead: LeadLifecycle, now: string, rules: StageRules): LifecycleDecision {
  if (!isRecyclable(lead.stage)) return { kind: 'stay', why: isFinalStage(lead.stage) ? 'final_stage' : 'no_rule_met' };
  const since = idleSince(lead);
  const { inactiveDays } = rules.recycle;
  if (since === undefined || !(Date.parse(since) < idleCutoff(now, rules))) return { kind: 'stay', why: 'no_rule_met' };
  return { kind: 'move', to: 'recycled', rule: 'recycle_inactive', reason: { kind: 'inactive', lastActivityAt: lead.lastActivityAt, idleSince: since, inactiveDays } };
}

/** The later of the lead's latest activity and the time it entered its stage; undefined with no activity known. */
export function idleSince(lead: LeadLifecycle): string | undefined {
  const { lastActivityAt, since } = lead;
  if (lastActivityAt === undefined) return undefined;
  return since !== undefined && Date.parse(since) > Date.parse(lastActivityAt) ? since : lastActivityAt;
}
