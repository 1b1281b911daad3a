import { LEAD_QUALIFIED_TOPIC, type JourneyStepV1, type LeadQualifiedV1, type QualificationReasonV1, type QualifiedStage, type ScoreChangedV1 } from '@baton/contracts';
import { qualificationIdFor, topSignals, type QualificationReason } from '@baton/lifecycle-domain';
import type { OutboxMessage } from '../lead-state/lead-record';

const PROFILE_SUMMARY = ['name', 'email', 'jobTitle', 'seniority', 'role', 'company', 'bant'] as const;

export interface Qualification {
  readonly change: ScoreChangedV1;
  readonly stage: QualifiedStage;
  readonly previousStage: string;
  readonly rule: string;
  readonly reason: QualificationReason;
  /** The lead's journey including this step, in any order. */
  readonly journey: readonly JourneyStepV1[];
  readonly at: string;
}

/** The LeadQualified message: what a salesperson needs to call, built from the score change that qualified the lead. */
export function leadQualifiedMessage(qualification: Qualification): OutboxMessage {
  const { change } = qualification;
  const message: LeadQualifiedV1 = {
    qualificationId: qualificationIdFor(change.leadId, qualification.stage, change.scoreChangeId),
    leadId: change.leadId,
    stage: qualification.stage,
    previousStage: qualification.previousStage,
    rule: qualification.rule,
    reason: contractReason(qualification.reason),
    score: change.score,
    engagement: change.engagement,
    fit: change.fit,
    grade: change.grade,
    breakdown: { engagementRules: change.engagementRules, fitRules: change.fitRules },
    topSignals: topSignals(change.engagementRules),
    journey: [...qualification.journey].sort((a, b) => a.at.localeCompare(b.at)),
    profile: Object.fromEntries(PROFILE_SUMMARY.filter((name) => change.profile[name] !== undefined).map((name) => [name, change.profile[name]])),
    causeEventId: change.causeEventId,
    modelVersion: change.modelVersion,
    qualifiedAt: qualification.at,
  };
  return { topic: LEAD_QUALIFIED_TOPIC, value: JSON.stringify(message) };
}

/** The score threshold also carries `threshold` and `score` (engagement), as the first version of the contract had. */
function contractReason(reason: QualificationReason): QualificationReasonV1 {
  switch (reason.kind) {
    case 'score_threshold':
      return { ...reason, threshold: reason.minEngagement, score: reason.engagement };
    case 'fast_track':
    case 'criteria':
    case 'activities':
      return { ...reason };
    case 'identified':
    case 'disqualified':
    case 'inactive':
      throw new Error(`a ${reason.kind} reason does not qualify a lead`);
  }
}

const DETAIL_PROPERTIES = ['url', 'path', 'query', 'q', 'search', 'searchTerm', 'asset', 'title', 'campaign', 'subject'];

/** One journey step for an engagement event: when, what, the rule it fired and the page, search or asset. */
export function journeyStepOf(change: ScoreChangedV1): JourneyStepV1 {
  const properties = change.causeProperties ?? {};
  const detail = DETAIL_PROPERTIES.map((name) => properties[name]).find((value): value is string => typeof value === 'string' && value !== '');
  return {
    at: change.occurredAt,
    type: change.causeEventType,
    ruleId: change.firedRules[0]?.ruleId,
    points: change.firedRules.reduce((sum, rule) => sum + rule.points, 0),
    detail: detail?.slice(0, 500),
  };
}
