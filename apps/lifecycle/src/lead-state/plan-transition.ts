import { createHash } from 'node:crypto';
import { STAGE_CHANGES_TOPIC, type LeadStageChangedV1 } from '@baton/contracts';
import type { Stage } from '@baton/lifecycle-domain';
import type { LeadRecord, OutboxMessage } from './lead-record';

export interface Transition {
  readonly lead: LeadRecord;
  readonly to: Stage;
  /** The rule or person's decision that moved it: `mql_threshold`, `sales_feedback:rejected`, ... */
  readonly rule: string;
  readonly reason: Readonly<Record<string, unknown>>;
  readonly causeKey: string;
  readonly causeId?: string;
  readonly actor?: string;
  readonly modelVersion?: string;
  readonly at: string;
}

export interface PlannedTransition {
  readonly state: Record<string, string>;
  readonly historyEntry: string;
  readonly stageChanged: OutboxMessage;
}

/**
 * The state fields, history entry and LeadStageChanged message of one transition. The funnel reads the first
 * time a lead became an MQL and an SQL, so those are set once; a recycled lead remembers its engagement then,
 * which its requalification is measured from.
 */
export function planTransition(transition: Transition): PlannedTransition {
  const { lead, to, at } = transition;
  const from = lead.lifecycle.stage;
  const state: Record<string, string> = { stage: to, since: at };
  if (to === 'mql' && !lead.fields['mqlAt']) state['mqlAt'] = at;
  if (to === 'sql' && !lead.fields['sqlAt']) state['sqlAt'] = at;
  if (to === 'recycled') state['recycledAtEngagement'] = lead.fields['engagement'] ?? '0';
  const changed: LeadStageChangedV1 = {
    transitionId: transitionIdFor(lead.leadId, from, to, transition.causeKey),
    leadId: lead.leadId,
    from,
    to,
    rule: transition.rule,
    reason: { ...transition.reason },
    causeId: transition.causeId,
    actor: transition.actor,
    modelVersion: transition.modelVersion,
    at,
  };
  const historyEntry = JSON.stringify({ from, to, at, rule: transition.rule, reason: transition.reason, causeId: transition.causeId, actor: transition.actor, modelVersion: transition.modelVersion });
  return { state, historyEntry, stageChanged: { topic: STAGE_CHANGES_TOPIC, value: JSON.stringify(changed) } };
}

export function transitionIdFor(leadId: string, from: Stage, to: Stage, causeKey: string): string {
  return `tr_${createHash('sha256').update(`${leadId}\u0000${from}\u0000${to}\u0000${causeKey}`).digest('hex').slice(0, 32)}`;
}
