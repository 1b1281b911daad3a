import type { Stage } from './stage';

export const FEEDBACK_OUTCOMES = ['accepted', 'rejected', 'won', 'lost'] as const;
/** What sales say about a lead they were handed. */
export type FeedbackOutcome = (typeof FEEDBACK_OUTCOMES)[number];

export type FeedbackDecision = { readonly ok: true; readonly to: Stage } | { readonly ok: false; readonly code: 'LIFECYCLE.FEEDBACK_REFUSED'; readonly message: string };

interface FeedbackRule {
  readonly from: readonly Stage[];
  readonly to: Stage;
}

function ruleFor(outcome: FeedbackOutcome): FeedbackRule {
  switch (outcome) {
    case 'accepted':
      return { from: ['sql'], to: 'opportunity' };
    case 'rejected':
      // Rejected leads go back to nurturing rather than out: they may qualify again later.
      return { from: ['mql', 'sql'], to: 'recycled' };
    case 'won':
      return { from: ['sql', 'opportunity'], to: 'customer' };
    case 'lost':
      return { from: ['sql', 'opportunity'], to: 'recycled' };
  }
}

/** Where sales' answer takes a lead; an answer that does not fit its stage (a late or duplicate one) is refused. */
export function decideOnFeedback(stage: Stage, outcome: FeedbackOutcome): FeedbackDecision {
  const rule = ruleFor(outcome);
  if (rule.from.includes(stage)) return { ok: true, to: rule.to };
  return {
    ok: false,
    code: 'LIFECYCLE.FEEDBACK_REFUSED',
    message: `Feedback "${outcome}" does not apply to a lead in stage ${stage}; it applies to a lead in stage ${rule.from.join(' or ')}.`,
  };
}
