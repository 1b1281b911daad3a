import { toCondition } from '@baton/condition-file';
import {
  INTENT_CLASSES,
  type Cap,
  type DecayPolicy,
  type DisqualifyRule,
  type EngagementRule,
  type FitGate,
  type FitRule,
  type IntentClass,
  type IntentClassRule,
  type ScoringModel,
  type StageRules,
} from '@baton/scoring-domain';
import type { CapFile, DecayFile, DisqualifyRuleFile, EngagementRuleFile, FitRuleFile, IntentClassFile, ScoringModelFile, StagesFile } from './scoring-model-file';

/**
 * The engine's shape of a checked model file: one way to say each thing (events as a list, the operator as
 * `op`), optional keys left out rather than undefined, keywords normalised once here instead of per event.
 * Frozen: a model is shared by every lead it scores.
 */
export function toScoringModel(file: ScoringModelFile): ScoringModel {
  return deepFreeze({
    version: file.version,
    ...(file.description === undefined ? {} : { description: file.description }),
    engagement: {
      decay: toDecay(file.engagement.decay),
      rules: file.engagement.rules.map(toEngagementRule),
      intent: {
        queryProperties: [...file.engagement.intent.queryProperties],
        referrerProperties: [...file.engagement.intent.referrerProperties],
        classes: Object.fromEntries(INTENT_CLASSES.map((intentClass) => [intentClass, toIntentClass(file.engagement.intent[intentClass])])) as Record<IntentClass, IntentClassRule>,
      },
    },
    fit: {
      grades: { A: file.fit.grades.A, B: file.fit.grades.B, C: file.fit.grades.C },
      rules: file.fit.rules.map(toFitRule),
    },
    stages: toStages(file.stages),
  });
}

/** Lowercase, trimmed, inner spaces collapsed: how search terms are compared. */
export function normaliseKeyword(keyword: string): string {
  return keyword.trim().toLowerCase().replace(/\s+/g, ' ');
}

function toDecay(decay: DecayFile): DecayPolicy {
  switch (decay.mode) {
    case 'none':
      return { mode: 'none' };
    case 'half_life':
      return { mode: 'half_life', halfLifeDays: decay.halfLifeDays };
    case 'linear':
      return { mode: 'linear', points: decay.points, periodDays: decay.periodDays };
    case 'window':
      return { mode: 'window', days: decay.days };
  }
}

function toEngagementRule(rule: EngagementRuleFile): EngagementRule {
  return {
    id: rule.id,
    ...(rule.description === undefined ? {} : { description: rule.description }),
    events: rule.event === undefined ? [...(rule.events ?? [])] : [rule.event],
    when: (rule.when ?? []).map(toCondition),
    points: rule.points,
    ...(rule.cap === undefined ? {} : { cap: toCap(rule.cap) }),
  };
}

function toFitRule(rule: FitRuleFile): FitRule {
  return {
    id: rule.id,
    ...(rule.description === undefined ? {} : { description: rule.description }),
    category: rule.category,
    when: rule.when.map(toCondition),
    points: rule.points,
  };
}

function toStages(stages: StagesFile): StageRules {
  const { fastTrack, criteria, activities } = stages.sql;
  return {
    contact: { events: [...stages.contact.events], traits: [...stages.contact.traits] },
    mql: { minEngagement: stages.mql.minEngagement, ...toFitGate(stages.mql) },
    sql: {
      ...(fastTrack === undefined
        ? {}
        : { fastTrack: { events: [...fastTrack.events], ...(fastTrack.withinDays === undefined ? {} : { withinDays: fastTrack.withinDays }), ...toFitGate(fastTrack) } }),
      ...(criteria === undefined ? {} : { criteria: { minScore: criteria.minScore, bantAtLeast: criteria.bantAtLeast, ...toFitGate(criteria) } }),
      ...(activities === undefined ? {} : { activities: { rules: [...activities.rules], distinct: activities.distinct, withinDays: activities.withinDays, ...toFitGate(activities) } }),
    },
    recycle: { inactiveDays: stages.recycle.inactiveDays, requalifyGain: stages.recycle.requalifyGain },
    disqualify: stages.disqualify.map(toDisqualifyRule),
  };
}

function toFitGate(gate: FitGate): FitGate {
  return { minGrade: gate.minGrade, ...(gate.lowestGradeBecause === undefined ? {} : { lowestGradeBecause: gate.lowestGradeBecause }) };
}

/** The same conditions as fit rules, mapped by the same code. */
function toDisqualifyRule(rule: DisqualifyRuleFile): DisqualifyRule {
  return {
    id: rule.id,
    ...(rule.description === undefined ? {} : { description: rule.description }),
    ...(rule.events === undefined ? {} : { events: [...rule.events] }),
    when: (rule.when ?? []).map(toCondition),
  };
}

function toIntentClass(intentClass: IntentClassFile): IntentClassRule {
  return {
    keywords: [...new Set(intentClass.keywords.map(normaliseKeyword))],
    points: intentClass.points,
    ...(intentClass.cap === undefined ? {} : { cap: toCap(intentClass.cap) }),
  };
}

function toCap(cap: CapFile): Cap {
  return {
    per: cap.per,
    ...(cap.maxPoints === undefined ? {} : { maxPoints: cap.maxPoints }),
    ...(cap.maxOccurrences === undefined ? {} : { maxOccurrences: cap.maxOccurrences }),
  };
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}
