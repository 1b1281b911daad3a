import type { StageRules } from '@baton/scoring-domain';
import type { LeadLifecycle, ScoringSignal } from '../index';

export const RULES: StageRules = {
  contact: { events: ['form_submitted', 'signed_up'], traits: ['email', 'phone'] },
  mql: { minEngagement: 50, minGrade: 'B' },
  sql: {
    fastTrack: { events: ['demo_requested', 'meeting_booked'], minGrade: 'C' },
    criteria: { minScore: 120, bantAtLeast: 3, minGrade: 'C' },
    activities: { rules: ['pricing_visit', 'case_study_download', 'webinar_attended', 'comparison_search'], distinct: 3, withinDays: 14, minGrade: 'C' },
  },
  recycle: { inactiveDays: 90, requalifyGain: 20 },
  disqualify: [
    { id: 'competitor', when: [{ field: 'company.domain', op: 'in', values: ['rival.example'] }] },
    { id: 'student', when: [{ field: 'seniority', op: 'equals', value: 'student' }] },
    { id: 'hard_bounce', events: ['email_bounced'], when: [{ field: 'bounce_type', op: 'equals', value: 'hard' }] },
  ],
};

export function lead(overrides: Partial<LeadLifecycle> = {}): LeadLifecycle {
  return { stage: 'visitor', highIntent: [], ...overrides };
}

/** A quiet page view by an anonymous, ungraded lead: no rule applies to it. */
export function signal(overrides: Partial<ScoringSignal> = {}): ScoringSignal {
  return {
    causeId: 'evt_1',
    causeType: 'page_viewed',
    causeProperties: { url: '/blog' },
    occurredAt: '2024-03-01T10:00:00.000Z',
    score: 0,
    engagement: 0,
    fit: 0,
    grade: 'D',
    firedRules: [],
    profile: {},
    ...overrides,
  };
}
