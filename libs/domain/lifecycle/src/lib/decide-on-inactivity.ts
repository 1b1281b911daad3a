import type { StageRules } from '@baton/scoring-domain';
import { DAY_MS, type LeadLifecycle, type LifecycleDecision } from './lead-lifecycle';
import { isFinalStage } from './stage-machine';

/**
 * Whether a lead has gone cold by `now` (a clock reading or the time of the latest event seen): a contact, MQL or
 * SQL without activity for more than `inactiveDays` days goes back to nurturing. Opportunities are sales' to close.
 */
export function decideOnInactivity(lead: LeadLifecycle, now: string, rules: StageRules): LifecycleDecision {
  switch (lead.stage) {
    case 'contact':
    case 'mql':
    case 'sql': {
      const { lastActivityAt } = lead;
      const { inactiveDays } = rules.recycle;
      if (lastActivityAt === undefined || !(Date.parse(lastActivityAt) < Date.parse(now) - inactiveDays * DAY_MS)) return { kind: 'stay', why: 'no_rule_met' };
      return { kind: 'move', to: 'recycled', rule: 'recycle_inactive', reason: { kind: 'inactive', lastActivityAt, inactiveDays } };
    }
    case 'visitor':
    case 'opportunity':
    case 'recycled':
    case 'customer':
    case 'disqualified':
      return { kind: 'stay', why: isFinalStage(lead.stage) ? 'final_stage' : 'no_rule_met' };
  }
}
