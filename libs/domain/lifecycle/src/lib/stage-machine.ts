import type { Stage } from './stage';

/**
 * The only moves a lead can make. Written out in full (not derived) so that this table is the one place to read
 * the lifecycle from; customer and disqualified are final.
 */
export const ALLOWED_TRANSITIONS: Readonly<Record<Stage, readonly Stage[]>> = {
  visitor: ['contact', 'mql', 'sql', 'disqualified'],
  contact: ['mql', 'sql', 'recycled', 'disqualified'],
  mql: ['sql', 'recycled', 'disqualified'],
  sql: ['opportunity', 'customer', 'recycled', 'disqualified'],
  opportunity: ['customer', 'recycled', 'disqualified'],
  // A recycled lead was known already: it requalifies as an MQL or SQL, never back to a mere contact.
  recycled: ['mql', 'sql', 'disqualified'],
  customer: [],
  disqualified: [],
};

export type MoveResult = { readonly ok: true; readonly from: Stage; readonly to: Stage } | { readonly ok: false; readonly code: 'LIFECYCLE.TRANSITION_REFUSED'; readonly message: string };

export function canMove(from: Stage, to: Stage): boolean {
  return ALLOWED_TRANSITIONS[from].includes(to);
}

export function isFinalStage(stage: Stage): boolean {
  return ALLOWED_TRANSITIONS[stage].length === 0;
}

export function move(from: Stage, to: Stage): MoveResult {
  if (canMove(from, to)) return { ok: true, from, to };
  const allowed = ALLOWED_TRANSITIONS[from];
  const targets = allowed.length === 0 ? `none, ${from} is final` : allowed.join(', ');
  return { ok: false, code: 'LIFECYCLE.TRANSITION_REFUSED', message: `A lead cannot move from ${from} to ${to}; from ${from} it may move to: ${targets}.` };
}
