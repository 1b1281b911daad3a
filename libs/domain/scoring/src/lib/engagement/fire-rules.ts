import { allConditionsHold, type FieldSource } from '../conditions/match-conditions';
import { intentRuleId, type Cap, type ScoringModel } from '../model/scoring-model';
import { classifyIntent, searchTermsOf } from './intent-classifier';

export interface EngagementSignal {
  readonly type: string;
  readonly properties?: FieldSource;
}

/** What one occurrence of a rule is worth, and its cap: the same for engagement and intent rules. */
export interface PricedRule {
  readonly points: number;
  readonly cap?: Cap;
}

/**
 * The rules an event fires: the first engagement rule that matches (file order, so specific rules stand
 * before general ones), plus the intent class of the words it carries, if any.
 */
export function rulesFiredBy(model: ScoringModel, event: EngagementSignal): string[] {
  const properties = event.properties ?? {};
  const fired: string[] = [];
  const rule = model.engagement.rules.find((candidate) => candidate.events.includes(event.type) && allConditionsHold(candidate.when, properties));
  if (rule !== undefined) fired.push(rule.id);
  const terms = searchTermsOf(properties, model.engagement.intent);
  const intentClass = terms === undefined ? undefined : classifyIntent(terms, model.engagement.intent);
  if (intentClass !== undefined) fired.push(intentRuleId(intentClass));
  return fired;
}

/** Engagement and intent rules by id; a rule the model no longer has (an older version's) is worth nothing. */
export function pricedRules(model: ScoringModel): ReadonlyMap<string, PricedRule> {
  const cached = priceLists.get(model);
  if (cached !== undefined) return cached;
  const prices = new Map<string, PricedRule>();
  for (const rule of model.engagement.rules) prices.set(rule.id, { points: rule.points, cap: rule.cap });
  for (const [intentClass, rule] of Object.entries(model.engagement.intent.classes)) {
    prices.set(intentRuleId(intentClass as keyof typeof model.engagement.intent.classes), { points: rule.points, cap: rule.cap });
  }
  priceLists.set(model, prices);
  return prices;
}

const priceLists = new WeakMap<ScoringModel, ReadonlyMap<string, PricedRule>>();
