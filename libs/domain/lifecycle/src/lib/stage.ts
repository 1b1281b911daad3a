export const STAGES = ['visitor', 'contact', 'mql', 'sql', 'opportunity', 'customer', 'recycled', 'disqualified'] as const;
export type Stage = (typeof STAGES)[number];

export const INITIAL_STAGE: Stage = 'visitor';

export function isStage(value: string): value is Stage {
  return (STAGES as readonly string[]).includes(value);
}
