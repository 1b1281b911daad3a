import { leadJourney, type JourneyCause, type Stage } from '@baton/lifecycle-domain';
import type { ScoringModel } from '@baton/scoring-domain';
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

/** When each cause (by event id or profile update id) entered the log. */
export type LogTimes = (causeId: string) => string | undefined;

/** The causes in the order the replay sends them: the profile first (fit is known before any event), then the events. */
export function causesOf(inputs: LeadInputs, loggedAt: LogTimes = () => undefined): JourneyCause[] {
  const { profile } = inputs;
  const profileCause: JourneyCause[] =
    profile === undefined ? [] : [{ kind: 'profile', updateId: profile.updateId, updatedAt: profile.updatedAt, traits: profile.traits, loggedAt: loggedAt(profile.updateId) }];
  return [...profileCause, ...inputs.events.map((event): JourneyCause => ({ kind: 'event', event, loggedAt: loggedAt(event.eventId) }))];
}

/** The pure domain's answer for one lead, as the replay sends its causes; the inactivity sweep is off in the replay. */
export function evaluateLeadOffline(model: ScoringModel, inputs: LeadInputs, loggedAt?: LogTimes): LeadOutcome {
  return { leadId: inputs.leadId, ...leadJourney(model, causesOf(inputs, loggedAt)) };
}

/**
 * Every lead of the file under one model, each cause decided as of the time it entered the log (`loggedAt`): what the
 * replay compares the running system with.
 */
export function evaluateOffline(
  model: ScoringModel,
  leads: readonly { readonly inputs: LeadInputs; readonly converted: boolean }[],
  loggedAt?: LogTimes,
): { outcomes: LeadOutcome[]; figures: QualityFigures } {
  const outcomes = leads.map((lead) => evaluateLeadOffline(model, lead.inputs, loggedAt));
  const figures = qualityFigures(outcomes.map((outcome, index) => ({ score: outcome.score, reached: outcome.reached, converted: (leads[index] as { converted: boolean }).converted })));
  return { outcomes, figures };
}
