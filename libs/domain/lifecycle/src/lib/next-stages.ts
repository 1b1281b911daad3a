import { gradeAtLeast, type FieldSource, type FitGate, type Grade, type StageRules } from '@baton/scoring-domain';
import { mayReach, satisfiedBant } from './decide-on-signal';
import { distinctWithin } from './high-intent';
import type { LeadLifecycle } from './lead-lifecycle';

/** Where a lead stands, from its latest scores: what the stage rules are checked against. */
export interface LeadStanding {
  readonly score: number;
  readonly engagement: number;
  readonly grade: Grade;
  readonly profile: FieldSource;
}

/** One condition of a path: what the lead has against what the path needs. */
export type Gate =
  | { readonly gate: 'engagement' | 'score'; readonly met: boolean; readonly value: number; readonly needed: number }
  | { readonly gate: 'fit'; readonly met: boolean; readonly value: Grade; readonly needed: Grade }
  | { readonly gate: 'bant'; readonly met: boolean; readonly value: readonly string[]; readonly needed: number }
  | { readonly gate: 'activities'; readonly met: boolean; readonly value: readonly string[]; readonly needed: number; readonly withinDays: number }
  | { readonly gate: 'hand_raised'; readonly met: false; readonly needed: readonly string[] };

export interface PathGates {
  readonly path: 'mql_threshold' | 'sql_fast_track' | 'sql_criteria' | 'sql_activities';
  readonly gates: readonly Gate[];
}

/** What is met and what is missing for each stage above the lead's, in words too ("why not yet"). */
export interface NextStages {
  readonly mql?: PathGates;
  readonly sql?: readonly PathGates[];
  readonly summary: string;
}

/**
 * Why a lead is not (yet) an MQL or an SQL, path by path, as of `at` (the high-intent window ends there): for
 * marketing ops explaining a score to sales. Stages the lead cannot reach any more (it is beyond, or out) are left
 * out. The fast track waits for an event, so as a standing it is never met: it says which events would do.
 */
export function nextStages(lead: LeadLifecycle, standing: LeadStanding, rules: StageRules, at: string): NextStages {
  const mql = mayReach(lead.stage, 'mql') ? mqlGates(standing, rules, lead) : undefined;
  const sql = mayReach(lead.stage, 'sql') ? sqlGates(lead, standing, rules, at) : undefined;
  const summary = [
    ...(mql === undefined ? [] : [`MQL: ${mql.gates.map(gateInWords).join(', ')}`]),
    ...(sql === undefined
      ? []
      : [
          `SQL: ${sql
            .map(
              (path) =>
                path.gates
                  .filter((gate) => !gate.met)
                  .map(gateInWords)
                  .join(' and ') || 'met',
            )
            .join('; or ')}`,
        ]),
  ].join('. ');
  return { ...(mql === undefined ? {} : { mql }), ...(sql === undefined ? {} : { sql }), summary };
}

function fitGate(gate: FitGate, grade: Grade): Gate {
  return { gate: 'fit', met: gradeAtLeast(grade, gate.minGrade), value: grade, needed: gate.minGrade };
}

function mqlGates(standing: LeadStanding, rules: StageRules, lead: LeadLifecycle): PathGates {
  // A recycled lead needs fresh interest: the engagement it had when recycled plus the gain.
  const needed = lead.stage === 'recycled' ? Math.max(rules.mql.minEngagement, (lead.recycledAtEngagement ?? 0) + rules.recycle.requalifyGain) : rules.mql.minEngagement;
  return {
    path: 'mql_threshold',
    gates: [{ gate: 'engagement', met: standing.engagement >= needed, value: standing.engagement, needed }, fitGate(rules.mql, standing.grade)],
  };
}

function sqlGates(lead: LeadLifecycle, standing: LeadStanding, rules: StageRules, at: string): PathGates[] {
  const { fastTrack, criteria, activities } = rules.sql;
  const paths: PathGates[] = [];
  if (fastTrack !== undefined) {
    paths.push({ path: 'sql_fast_track', gates: [{ gate: 'hand_raised', met: false, needed: fastTrack.events }, fitGate(fastTrack, standing.grade)] });
  }
  if (criteria !== undefined) {
    const bant = satisfiedBant(standing.profile);
    paths.push({
      path: 'sql_criteria',
      gates: [
        { gate: 'score', met: standing.score >= criteria.minScore, value: standing.score, needed: criteria.minScore },
        { gate: 'bant', met: bant.length >= criteria.bantAtLeast, value: bant, needed: criteria.bantAtLeast },
        fitGate(criteria, standing.grade),
      ],
    });
  }
  if (activities !== undefined) {
    const seen = distinctWithin(lead.highIntent, at, activities.withinDays);
    paths.push({
      path: 'sql_activities',
      gates: [{ gate: 'activities', met: seen.length >= activities.distinct, value: seen, needed: activities.distinct, withinDays: activities.withinDays }, fitGate(activities, standing.grade)],
    });
  }
  return paths;
}

function gateInWords(gate: Gate): string {
  switch (gate.gate) {
    case 'engagement':
    case 'score':
      return `${gate.gate} ${gate.value} of ${gate.needed}`;
    case 'fit':
      return `grade ${gate.value} of at least ${gate.needed}`;
    case 'bant':
      return `BANT ${gate.value.length} of ${gate.needed}`;
    case 'activities':
      return `${gate.value.length} of ${gate.needed} high-intent activities in ${gate.withinDays} days`;
    case 'hand_raised':
      return 'no hand raised';
  }
}
