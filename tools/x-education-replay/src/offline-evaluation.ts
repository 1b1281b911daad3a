import { decideOnSignal, INITIAL_STAGE, PROFILE_UPDATED, recordSignal, type LeadLifecycle, type ScoringSignal, type Stage } from '@baton/lifecycle-domain';
import { applyEvent, applyProfileUpdate, EMPTY_LEAD_STATE, scoreLead, type FieldSource, type LeadScoringState, type RulePoints, type ScoringCause, type ScoringModel } from '@baton/scoring-domain';
import type { LeadInputs } from './lead-inputs.mapper';
import { qualityFigures, type QualityFigures } from './qualification-report';

/** One lead's outcome under a model: its final score and the stages it went through. */
export interface LeadOutcome {
  readonly leadId: string;
  readonly score: number;
  readonly stage: Stage;
  /** Every stage the lead moved to, in order. */
  readonly reached: readonly Stage[];
}

/** The causes in the order the replay sends them: the profile first (fit is known before any event), then the events. */
export function causesOf(inputs: LeadInputs): ScoringCause[] {
  const profile: ScoringCause[] = inputs.profile === undefined ? [] : [{ kind: 'profile', updateId: inputs.profile.updateId, traits: inputs.profile.traits }];
  return [...profile, ...inputs.events.map((event): ScoringCause => ({ kind: 'event', event }))];
}

/**
 * The pure domain's answer for one lead: scoring (as `scoreHistory`) and lifecycle's stage rules applied cause
 * by cause, as the services do when the causes arrive in this order. The inactivity sweep is left out, as the
 * replay turns it off; sales feedback does not exist here.
 */
export function evaluateLeadOffline(model: ScoringModel, inputs: LeadInputs): LeadOutcome {
  let scoring: LeadScoringState = EMPTY_LEAD_STATE;
  let lifecycle: LeadLifecycle = { stage: INITIAL_STAGE, highIntent: [] };
  const reached: Stage[] = [];
  for (const cause of causesOf(inputs)) {
    let firedRules: readonly RulePoints[] = [];
    if (cause.kind === 'event') {
      const applied = applyEvent(model, scoring, cause.event);
      scoring = applied.state;
      firedRules = applied.firedRules;
    } else scoring = applyProfileUpdate(scoring, cause.traits);
    const score = scoreLead(model, scoring);
    const signal: ScoringSignal = {
      causeId: cause.kind === 'event' ? cause.event.eventId : cause.updateId,
      causeType: cause.kind === 'event' ? cause.event.type : PROFILE_UPDATED,
      causeProperties: cause.kind === 'event' ? cause.event.properties : undefined,
      occurredAt: cause.kind === 'event' ? cause.event.occurredAt : (inputs.profile?.updatedAt ?? cause.updateId),
      score: score.score,
      engagement: score.engagement,
      fit: score.fit,
      grade: score.grade,
      firedRules,
      profile: scoring.profile as FieldSource,
    };
    const decision = decideOnSignal(lifecycle, signal, model.stages);
    lifecycle = recordSignal(lifecycle, signal, model.stages);
    if (decision.kind === 'move') {
      lifecycle = { ...lifecycle, stage: decision.to };
      reached.push(decision.to);
    }
  }
  return { leadId: inputs.leadId, score: scoreLead(model, scoring).score, stage: lifecycle.stage, reached };
}

/** Every lead of the file under one model: what the replay compares the running system with. */
export function evaluateOffline(model: ScoringModel, leads: readonly { readonly inputs: LeadInputs; readonly converted: boolean }[]): { outcomes: LeadOutcome[]; figures: QualityFigures } {
  const outcomes = leads.map((lead) => evaluateLeadOffline(model, lead.inputs));
  const figures = qualityFigures(outcomes.map((outcome, index) => ({ score: outcome.score, reached: outcome.reached, converted: (leads[index] as { converted: boolean }).converted })));
  return { outcomes, figures };
}
