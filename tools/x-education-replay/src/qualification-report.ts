import { isQualifiedStage } from '@baton/contracts';
import { rocAuc } from './roc-auc';

/** What a sales team reads off a model: how well it ranks, and how many leads each stage holds and how many bought. */
export interface QualityFigures {
  readonly leads: number;
  readonly converted: number;
  /** ROC AUC of the final score against Converted. */
  readonly auc: number;
  /** Leads that ever reached MQL or SQL (a fast-tracked SQL skips MQL but is marketing qualified too). */
  readonly mql: StageFigures;
  /** Leads that ever reached SQL. */
  readonly sql: StageFigures;
  /** Leads that never reached MQL nor SQL. */
  readonly leftOut: StageFigures;
}

export interface StageFigures {
  readonly leads: number;
  readonly converted: number;
  /** converted / leads (4 decimals), null when there are no leads. */
  readonly conversionRate: number | null;
}

export interface ScoredLead {
  readonly score: number;
  readonly converted: boolean;
  readonly reached: readonly string[];
}

export function qualityFigures(leads: readonly ScoredLead[]): QualityFigures {
  const qualified = (lead: ScoredLead): boolean => lead.reached.some(isQualifiedStage);
  return {
    leads: leads.length,
    converted: leads.filter((lead) => lead.converted).length,
    auc: round(rocAuc(leads.map((lead) => ({ score: lead.score, positive: lead.converted }))), 4),
    mql: stageFigures(leads.filter(qualified)),
    sql: stageFigures(leads.filter((lead) => lead.reached.includes('sql'))),
    leftOut: stageFigures(leads.filter((lead) => !qualified(lead))),
  };
}

function stageFigures(leads: readonly ScoredLead[]): StageFigures {
  const converted = leads.filter((lead) => lead.converted).length;
  return { leads: leads.length, converted, conversionRate: leads.length === 0 ? null : round(converted / leads.length, 4) };
}

function round(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}
