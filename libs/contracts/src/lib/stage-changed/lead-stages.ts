/** The lifecycle stages, as other teams' consumers read them (the stage machine itself is lifecycle's domain). */
export const LEAD_STAGES = ['visitor', 'contact', 'mql', 'sql', 'opportunity', 'customer', 'recycled', 'disqualified'] as const;
export type LeadStage = (typeof LEAD_STAGES)[number];
