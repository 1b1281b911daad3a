import { allConditionsHold, conditionHolds, gradeAtLeast, valueAt, type FieldSource, type FitGate, type Grade, type StageRules } from '@baton/scoring-domain';
import { distinctWithin, rememberHighIntent } from './high-intent';
import { DAY_MS, PROFILE_UPDATED_CAUSE, type FitGateHold, type LeadLifecycle, type LifecycleDecision, type ScoringSignal } from './lead-lifecycle';
import type { Stage } from './stage';
import { isFinalStage } from './stage-machine';

export { type FitGateHold, type LeadLifecycle, type LifecycleDecision, type QualificationReason, type ScoringSignal, type StageRuleId } from './lead-lifecycle';

const BANT = ['budget', 'authority', 'need', 'timeline'] as const;

type Move = Extract<LifecycleDecision, { kind: 'move' }>;

/**
 * The lead's state once this signal is known: activity time and the high-intent activities the SQL
 * "activities" rule counts. Store the result with the lead, whatever the decision.
 */
export function recordSignal(lead: LeadLifecycle, signal: ScoringSignal, rules: StageRules): LeadLifecycle {
  if (!isActivity(signal)) return lead;
  const lastActivityAt = lead.lastActivityAt !== undefined && Date.parse(lead.lastActivityAt) >= Date.parse(signal.occurredAt) ? lead.lastActivityAt : signal.occurredAt;
  const highIntent = rememberHighIntent(lead.highIntent, signal.firedRules, signal.occurredAt, lastActivityAt, rules.sql.activities, lead.lastActivityAt);
  return { ...lead, lastActivityAt, highIntent };
}

/** Everything one signal does to a lead, each worked out once: what scoring's hot path calls. */
export interface SignalAssessment {
  readonly decision: LifecycleDecision;
  /** The path the lead met in everything but its fit, if one holds it back (heldByFit). */
  readonly held?: FitGateHold;
  /** The lead's state with the signal recorded (recordSignal), whatever the decision. */
  readonly recorded: LeadLifecycle;
}

/**
 * Where one scoring signal takes a lead (counting the signal's own high-intent activity). First rule that applies wins:
 * disqualify, then SQL, then MQL, then contact. Only disqualify lowers a stage here, so a score that dips after
 * qualifying never demotes the lead (no flapping); going cold is `decideOnInactivity`'s business. A lead that meets
 * a path to MQL or SQL in everything but its fit stays where it is, for that reason, and the assessment says which
 * path held it: what keeps a poor fit away from sales, recorded with the lead.
 */
export function assessSignal(lead: LeadLifecycle, signal: ScoringSignal, rules: StageRules): SignalAssessment {
  const recorded = recordSignal(lead, signal, rules);
  if (isFinalStage(lead.stage)) return { decision: { kind: 'stay', why: 'final_stage' }, recorded };
  if (signal.anonymous === true) return { decision: { kind: 'stay', why: 'anonymous' }, recorded };
  const disqualified = disqualification(signal, rules);
  if (disqualified !== undefined) return { decision: disqualified, recorded };
  const outcomes = qualifications(lead, recorded, signal, rules);
  const taken = outcomes.findIndex((outcome) => outcome.met);
  // Above any path met outright: an SQL path held back while the lead becomes an MQL.
  const heldPath = taken === -1 ? outcomes[0] : outcomes.slice(0, taken).find((outcome) => outcome.move.to !== outcomes[taken]?.move.to);
  const held = heldPath === undefined ? undefined : { rule: heldPath.move.rule, grade: signal.grade, minGrade: heldPath.minGrade, causeId: signal.causeId };
  return { decision: decisionOf(lead, signal, rules, outcomes, taken), recorded, ...(held === undefined ? {} : { held }) };
}

function decisionOf(lead: LeadLifecycle, signal: ScoringSignal, rules: StageRules, outcomes: readonly PathOutcome[], taken: number): LifecycleDecision {
  const qualification = outcomes[taken];
  if (qualification !== undefined) return qualification.move;
  const identified = mayReach(lead.stage, 'contact') ? identification(signal, rules) : undefined;
  if (identified !== undefined) return identified;
  if (outcomes.length > 0) return { kind: 'stay', why: 'fit_gate' };
  return { kind: 'stay', why: lead.stage === 'sql' || lead.stage === 'opportunity' ? 'already_beyond' : 'no_rule_met' };
}

export function decideOnSignal(lead: LeadLifecycle, signal: ScoringSignal, rules: StageRules): LifecycleDecision {
  return assessSignal(lead, signal, rules).decision;
}

export function heldByFit(lead: LeadLifecycle, signal: ScoringSignal, rules: StageRules): FitGateHold | undefined {
  return assessSignal(lead, signal, rules).held;
}

/** A path whose conditions other than fit hold; `met` when the lead's grade passes the path's gate too. */
interface PathOutcome {
  readonly move: Move;
  readonly minGrade: Grade;
  readonly met: boolean;
}

/** `recorded`: the lead with the signal recorded, whose high-intent activities the SQL activities path counts. */
function qualifications(lead: LeadLifecycle, recorded: LeadLifecycle, signal: ScoringSignal, rules: StageRules): PathOutcome[] {
  return [...(mayReach(lead.stage, 'sql') ? sqlPaths(recorded, signal, rules) : []), ...(mayReach(lead.stage, 'mql') ? mqlPath(lead, signal, rules) : [])];
}

function gated(move: Move, gate: FitGate, grade: Grade): PathOutcome {
  return { move, minGrade: gate.minGrade, met: gradeAtLeast(grade, gate.minGrade) };
}

function disqualification(signal: ScoringSignal, rules: StageRules): Move | undefined {
  const rule = rules.disqualify.find((candidate) =>
    candidate.events === undefined ? allConditionsHold(candidate.when, signal.profile) : candidate.events.includes(signal.causeType) && allConditionsHold(candidate.when, signal.causeProperties ?? {}),
  );
  return rule === undefined ? undefined : { kind: 'move', to: 'disqualified', rule: `disqualify:${rule.id}`, reason: { kind: 'disqualified', ruleId: rule.id } };
}

function sqlPaths(recorded: LeadLifecycle, signal: ScoringSignal, rules: StageRules): PathOutcome[] {
  const { fastTrack, criteria, activities } = rules.sql;
  const outcomes: PathOutcome[] = [];
  if (fastTrack !== undefined && fastTrack.events.includes(signal.causeType) && isFresh(signal, fastTrack.withinDays)) {
    const reason = { kind: 'fast_track', action: signal.causeType, grade: signal.grade, minGrade: fastTrack.minGrade } as const;
    outcomes.push(gated({ kind: 'move', to: 'sql', rule: 'sql_fast_track', reason }, fastTrack, signal.grade));
  }
  if (criteria !== undefined && signal.score >= criteria.minScore) {
    const bantMet = satisfiedBant(signal.profile);
    if (bantMet.length >= criteria.bantAtLeast) {
      const reason = { kind: 'criteria', minScore: criteria.minScore, score: signal.score, bantMet, bantAtLeast: criteria.bantAtLeast, grade: signal.grade, minGrade: criteria.minGrade } as const;
      outcomes.push(gated({ kind: 'move', to: 'sql', rule: 'sql_criteria', reason }, criteria, signal.grade));
    }
  }
  if (activities !== undefined) {
    const seen = distinctWithin(recorded.highIntent, decidedAt(signal), activities.withinDays);
    if (seen.length >= activities.distinct) {
      const reason = { kind: 'activities', activities: seen, distinct: activities.distinct, withinDays: activities.withinDays, grade: signal.grade, minGrade: activities.minGrade } as const;
      outcomes.push(gated({ kind: 'move', to: 'sql', rule: 'sql_activities', reason }, activities, signal.grade));
    }
  }
  return outcomes;
}

function mqlPath(lead: LeadLifecycle, signal: ScoringSignal, rules: StageRules): PathOutcome[] {
  const { minEngagement, minGrade } = rules.mql;
  if (signal.engagement < minEngagement) return [];
  // A recycled lead must show fresh interest, not ride on the engagement it had when sales let it go.
  if (lead.stage === 'recycled' && signal.engagement - (lead.recycledAtEngagement ?? 0) < rules.recycle.requalifyGain) return [];
  const reason = { kind: 'score_threshold', minEngagement, engagement: signal.engagement, minGrade, grade: signal.grade } as const;
  return [gated({ kind: 'move', to: 'mql', rule: 'mql_threshold', reason }, rules.mql, signal.grade)];
}

function identification(signal: ScoringSignal, rules: StageRules): Move | undefined {
  const by = rules.contact.events.includes(signal.causeType) ? signal.causeType : rules.contact.traits.find((trait) => conditionHolds({ field: trait, op: 'exists', exists: true }, signal.profile));
  return by === undefined ? undefined : { kind: 'move', to: 'contact', rule: 'contact', reason: { kind: 'identified', by } };
}

/** The BANT criteria known to be satisfied: only a `true` counts, unknown is not "yes". */
export function satisfiedBant(profile: FieldSource): string[] {
  return BANT.filter((criterion) => valueAt(profile, `bant.${criterion}`) === true);
}

/** Whether a qualification rule may lift a lead at `stage` to `target`: only upwards, never sideways or back. */
export function mayReach(stage: Stage, target: 'contact' | 'mql' | 'sql'): boolean {
  switch (stage) {
    case 'visitor':
      return true;
    case 'contact':
    case 'recycled':
      return target !== 'contact';
    case 'mql':
      return target === 'sql';
    case 'sql':
    case 'opportunity':
    case 'customer':
    case 'disqualified':
      return false;
  }
}

/** When the decision on a signal is taken: as of the time its cause entered the log, never before the cause itself. */
export function decidedAt(signal: ScoringSignal): string {
  return signal.asOf !== undefined && Date.parse(signal.asOf) > Date.parse(signal.occurredAt) ? signal.asOf : signal.occurredAt;
}

/** A cause that happened at most `withinDays` days before the decision (any age without a limit). */
function isFresh(signal: ScoringSignal, withinDays: number | undefined): boolean {
  return withinDays === undefined || Date.parse(decidedAt(signal)) - Date.parse(signal.occurredAt) <= withinDays * DAY_MS;
}

function isActivity(signal: ScoringSignal): boolean {
  return signal.causeType !== PROFILE_UPDATED_CAUSE;
}
