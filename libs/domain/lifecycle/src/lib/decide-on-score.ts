import { createHash } from 'node:crypto';
import type { Stage } from './stage';

export interface QualificationRules {
  readonly mqlThreshold: number;
}

export type ScoreDecision =
  | { readonly kind: 'qualify'; readonly from: Stage; readonly to: 'mql'; readonly threshold: number; readonly score: number }
  | { readonly kind: 'stay'; readonly stage: Stage; readonly why: 'below_threshold' | 'already_qualified' | 'disqualified' };

/**
 * What a new score means for a lead's stage. A lead that has qualified keeps its stage when the score dips
 * again (no flapping); a recycled lead may qualify anew; a disqualified one never does.
 */
export function decideOnScore(stage: Stage, score: number, rules: QualificationRules): ScoreDecision {
  switch (stage) {
    case 'visitor':
    case 'contact':
    case 'recycled':
      return score >= rules.mqlThreshold
        ? { kind: 'qualify', from: stage, to: 'mql', threshold: rules.mqlThreshold, score }
        : { kind: 'stay', stage, why: 'below_threshold' };
    case 'mql':
    case 'sql':
    case 'opportunity':
    case 'customer':
      return { kind: 'stay', stage, why: 'already_qualified' };
    case 'disqualified':
      return { kind: 'stay', stage, why: 'disqualified' };
  }
}

/** The same lead, stage and cause always give the same id, so a retried or replayed qualification is recognisable. */
export function qualificationIdFor(leadId: string, stage: Stage, causeId: string): string {
  const digest = createHash('sha256').update(`${leadId}\u0000${stage}\u0000${causeId}`).digest('hex');
  return `qual_${digest.slice(0, 32)}`;
}
