import { isQualifiedStage, type LeadQualifiedV1, type ScoreChangedV1 } from '@baton/contracts';
import type { ReceivedWebhook } from '@baton/testing';
import type { DemoJourney } from './demo-journeys';

/** The part of lifecycle's lead view (GET /v1/leads/:id) the demo shows. */
export interface DemoLeadView {
  readonly stage: string;
  readonly recentSignals: readonly unknown[];
  readonly heldByFit?: { readonly rule: string; readonly grade: string; readonly minGrade: string };
  readonly nextStages?: { readonly summary: string };
}

/** What the system did with one demo lead so far, as the demo saw it on Kafka, at its webhook receiver and in lifecycle. */
export interface DemoLeadSeen {
  readonly leadId: string;
  readonly journey: DemoJourney;
  readonly scoreChanges: readonly ScoreChangedV1[];
  readonly qualifications: readonly LeadQualifiedV1[];
  readonly alerts: readonly ReceivedWebhook[];
  readonly view?: DemoLeadView;
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
 * Judges the demo against its story: every profile and event scored once, each lead in the stage its journey names
 * (qualified to MQL or SQL only if that is the stage), one alert per qualification with a verified signature.
 */
export function demoOutcome(leads: readonly DemoLeadSeen[]): DemoOutcome {
  const problems: string[] = [];
  const lines: string[] = [];
  let settled = true;
  for (const lead of leads) {
    const { endsAs, steps } = lead.journey;
    const causes = steps.length + 1;
    const qualifiedTo = lead.qualifications.map((qualified) => qualified.stage);
    const verified = lead.alerts.filter((alert) => alert.verified).length;
    // Lifecycle has applied every event once its view holds them all.
    const viewed = lead.view !== undefined && lead.view.recentSignals.length >= steps.length;
    if (lead.scoreChanges.length < causes || !viewed || lead.view?.stage !== endsAs) settled = false;
    if (isQualifiedStage(endsAs) && qualifiedTo.at(-1) !== endsAs) settled = false;
    if (lead.alerts.length < lead.qualifications.length) settled = false;

    if (lead.scoreChanges.length > causes) problems.push(`${lead.leadId}: ${lead.scoreChanges.length} score changes for ${causes} profile update and events`);
    if (viewed && lead.view?.stage !== endsAs) problems.push(`${lead.leadId}: ${lead.view?.stage ?? 'no lead'}, expected ${endsAs}`);
    const allowed: readonly string[] = endsAs === 'sql' ? ['mql', 'sql'] : endsAs === 'mql' ? ['mql'] : [];
    if (qualifiedTo.some((stage) => !allowed.includes(stage))) problems.push(`${lead.leadId}: qualified as ${qualifiedTo.join(', ')}, expected ${endsAs}`);
    if (lead.alerts.length > lead.qualifications.length) problems.push(`${lead.leadId}: ${lead.alerts.length} alerts for ${lead.qualifications.length} qualification(s)`);
    if (verified < lead.alerts.length) problems.push(`${lead.leadId}: ${lead.alerts.length - verified} alert(s) with an invalid signature`);

    const scored = `scored ${lead.scoreChanges.length} of ${causes}, score ${lead.scoreChanges.at(-1)?.score ?? 0}`;
    const stage = lead.view?.stage ?? 'not seen';
    const expected = stage === endsAs ? 'as expected' : `expected ${endsAs}`;
    const held = lead.view?.heldByFit === undefined ? '' : `; kept from sales: ${lead.view.heldByFit.rule} needs grade ${lead.view.heldByFit.minGrade}, has ${lead.view.heldByFit.grade}`;
    lines.push(`${lead.leadId.padEnd(14)} ${scored.padEnd(28)} ${`${stage}, ${expected}`.padEnd(28)} alerts: ${lead.alerts.length}, signatures verified: ${verified}${held}`);
    if (lead.view?.nextStages?.summary) lines.push(`${''.padEnd(14)} why not further yet: ${lead.view.nextStages.summary}`);
  }
  if (!settled) problems.unshift('not everything the story expects has happened yet');
  return { settled, problems, lines };
}
