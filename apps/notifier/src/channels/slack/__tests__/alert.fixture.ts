import type { LeadQualifiedV1, QualificationReasonV1 } from '@baton/contracts';
import type { Alert } from '../../channel';

export const REASONS = {
  score_threshold: { kind: 'score_threshold', minEngagement: 50, engagement: 55, minGrade: 'B', grade: 'A', threshold: 50, score: 55 },
  fast_track: { kind: 'fast_track', action: 'demo_requested', grade: 'A', minGrade: 'B' },
  criteria: { kind: 'criteria', minScore: 120, score: 125, bantMet: ['budget', 'authority', 'need'], bantAtLeast: 3, grade: 'B', minGrade: 'C' },
  activities: { kind: 'activities', activities: ['pricing_page_view', 'webinar_attended', 'content_download'], distinct: 3, withinDays: 30, grade: 'C', minGrade: 'C' },
} satisfies Record<QualificationReasonV1['kind'], QualificationReasonV1>;

export function qualification(overrides: Partial<LeadQualifiedV1> = {}): LeadQualifiedV1 {
  return {
    qualificationId: 'q-1',
    leadId: 'lead-42',
    stage: 'sql',
    previousStage: 'mql',
    rule: 'sql_fast_track',
    reason: REASONS.fast_track,
    score: 140,
    engagement: 70,
    fit: 70,
    grade: 'A',
    breakdown: { engagementRules: [{ ruleId: 'demo_requested', points: 40 }], fitRules: [{ ruleId: 'title_cxo', points: 30 }] },
    topSignals: [
      { ruleId: 'demo_requested', points: 40 },
      { ruleId: 'pricing_page_view', points: 30 },
    ],
    journey: [
      { at: '2024-05-01T09:00:00.000Z', type: 'page_view', points: 0, detail: '/blog/1' },
      { at: '2024-05-01T09:01:00.000Z', type: 'page_view', points: 0, detail: '/blog/2' },
      { at: '2024-05-01T09:02:00.000Z', type: 'search', points: 5, detail: 'baton vs acme' },
      { at: '2024-05-01T09:03:00.000Z', type: 'content_download', ruleId: 'content_download', points: 10, detail: 'ROI whitepaper' },
      { at: '2024-05-01T09:04:00.000Z', type: 'page_view', ruleId: 'pricing_page_view', points: 30, detail: '/pricing' },
      { at: '2024-05-01T09:05:00.000Z', type: 'demo_requested', ruleId: 'demo_requested', points: 40 },
    ],
    profile: {
      name: 'Ada Lovelace',
      email: 'ada@northwind.example',
      jobTitle: 'CTO',
      seniority: 'c_level',
      company: { name: 'Northwind', industry: 'software', employees: 250, country: 'GB' },
      bant: { budget: true, authority: true, need: true },
    },
    causeEventId: 'evt-9',
    modelVersion: 'v1',
    qualifiedAt: '2024-05-01T09:05:01.000Z',
    ...overrides,
  };
}

export function alert(overrides: Partial<Alert> = {}, qualificationOverrides: Partial<LeadQualifiedV1> = {}): Alert {
  return {
    alertId: 'q-1:slack-sales',
    channelId: 'slack-sales',
    qualification: qualification(qualificationOverrides),
    team: 'emea',
    owner: { id: 'o-1', name: 'Grace Hopper', email: 'grace@baton.example', slackUserId: 'U123ABC' },
    ...overrides,
  };
}
