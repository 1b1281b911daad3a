import { createHash } from 'node:crypto';
import type { Stage } from './stage';

/** The same lead, stage and cause always give the same id, so a retried or replayed qualification is recognisable. */
export function qualificationIdFor(leadId: string, stage: Stage, causeId: string): string {
  const digest = createHash('sha256').update(`${leadId}\u0000${stage}\u0000${causeId}`).digest('hex');
  return `qual_${digest.slice(0, 32)}`;
}
