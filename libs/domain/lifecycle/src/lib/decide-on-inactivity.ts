import type { StageRules } from '@baton/scoring-domain';
import { DAY_MS, type LeadLifecycle, type LifecycleDecision } from './lead-lifecycle';
import { isFinalStage } from './stage-machine';

/**
 * Whether a lead has gone cold by `now` (a clock reading): a contact, MQL or SQL idle for more than `inactiveDays` days
 * goes back to nurturing. Idle since its latest activity (event time), or since it entered its stage when that came
 * later: a lead that Baton has just made a contact from activity of long ago has not been left alone as a contact yet.
 * Opportunities are sales' to close.
 */
export function decideOnInactivity(lead: LeadLifecycle, now: string, rules: StageRules): LifecycleDecision {
  switch (lead.stage) {
    case 'contact':
    case 'mql':
    case 'sql': {
      const since = idleSince(lead);
      const { inactiveDays } = rules.recycle;
      if (since === undefined || !(Date.parse(since) < Date.parse(now) - inactiveDays * DAY_MS)) return { kind: 'stay', why: 'no_rule_met' };
      return { kind: 'move', to: 'recycled', rule: 'recycle_inactive', reason: { kind: 'inactive', lastActivityAt: lead.lastActivityAt, idleSince: since, inactiveDays } };
    }
    case 'visitor':
    case 'opportunity':
    case 'recycled':
    case 'customer':
    case 'disqualified':
      return { kind: 'stay', why: isFinalStage(lead.stage) ? 'final_stage' : 'no_rule_met' };
  }
}

/** The later of the lead's latest activity and the time it entered its stage; undefined with no activity known. */
export function idleSince(lead: LeadLifecycle): string | undefined {
  const { lastActivityAt, since } = lead;
  if (lastActivityAt === undefined) return undefined;
  return since !== undefined && Date.parse(since) > Date.parse(lastActivityAt) ? since : lastActivityAt;
}
