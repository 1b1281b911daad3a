import type { LeadQualifiedV1, ScoreChangedV1 } from '@baton/contracts';
import type { ReceivedWebhook } from '@baton/testing';
import type { DemoJourney } from './demo-journeys';

/** What the system did with one demo lead so far, as the demo saw it on Kafka and at its webhook receiver. */
export interface DemoLeadSeen {
  readonly leadId: string;
  readonly journey: DemoJourney;
  readonly scoreChanges: readonly ScoreChangedV1[];
  readonly qualifications: readonly LeadQualifiedV1[];
  readonly alerts: readonly ReceivedWebhook[];
}

export interface DemoOutcome {
  /** Everything the story expects has happened (it may still be wrong: see `problems`). */
  readonly settled: boolean;
  /** What differs from the story: an empty list means the demo went as it should. */
  readonly problems: readonly string[];
  /** One line per lead, for the summary. */
  readonly lines: readonly string[];
}

/**
 * Judges the demo against its story: every profile and event scored once, each lead qualified to the stage its
 * journey names (and no other lead qualified), one alert per qualification with a verified signature.
 */
export function demoOutcome(leads: readonly DemoLeadSeen[]): DemoOutcome {
  const problems: string[] = [];
  const lines: string[] = [];
  let settled = true;
  for (const lead of leads) {
    const causes = lead.journey.steps.length + 1;
    const stages = lead.qualifications.map((qualified) => qualified.stage);
    const reached = stages.at(-1);
    const verified = lead.alerts.filter((alert) => alert.verified).length;
    if (lead.scoreChanges.length < causes) settled = false;
    if (lead.journey.qualifiesAs !== undefined && reached !== lead.journey.qualifiesAs) settled = false;
    if (lead.alerts.length < lead.qualifications.length) settled = false;

    if (lead.scoreChanges.length > causes) problems.push(`${lead.leadId}: ${lead.scoreChanges.length} score changes for ${causes} profile update and events`);
    if (lead.journey.qualifiesAs === undefined && stages.length > 0) problems.push(`${lead.leadId}: qualified as ${stages.join(', ')}, expected to stay away from sales`);
    if (lead.alerts.length > lead.qualifications.length) problems.push(`${lead.leadId}: ${lead.alerts.length} alerts for ${lead.qualifications.length} qualification(s)`);
    if (verified < lead.alerts.length) problems.push(`${lead.leadId}: ${lead.alerts.length - verified} alert(s) with an invalid signature`);

    const scored = `scored ${lead.scoreChanges.length} of ${causes}, score ${lead.scoreChanges.at(-1)?.score ?? 0}`;
    const stage = reached === undefined ? 'not qualified' : reached.toUpperCase();
    const expected = reached === lead.journey.qualifiesAs ? 'as expected' : `expected ${lead.journey.qualifiesAs?.toUpperCase() ?? 'not qualified'}`;
    lines.push(`${lead.leadId.padEnd(14)} ${scored.padEnd(28)} ${`${stage}, ${expected}`.padEnd(30)} alerts: ${lead.alerts.length}, signatures verified: ${verified}`);
  }
  if (!settled) problems.unshift('not everything the story expects has happened yet');
  return { settled, problems, lines };
}
