import type { DecayPolicy, ScoringModel } from '../model/scoring-model';

/** A small model written out as data, so that the engine's tests do not depend on the file parser. */
export function testModel(decay: DecayPolicy = { mode: 'half_life', halfLifeDays: 30 }): ScoringModel {
  return {
    version: 'test-1',
    engagement: {
      decay,
      rules: [
        { id: 'careers_page_view', events: ['page_view'], when: [{ field: 'url', op: 'matches', pattern: '/careers' }], points: -5 },
        { id: 'pricing_page_view', events: ['page_view'], when: [{ field: 'url', op: 'matches', pattern: '/pricing' }], points: 15, cap: { per: 'week', maxPoints: 40 } },
        { id: 'page_view', events: ['page_view'], when: [], points: 5, cap: { per: 'day', maxPoints: 20 } },
        { id: 'email_opened', events: ['email_opened'], when: [], points: 2, cap: { per: 'month', maxOccurrences: 3 } },
        { id: 'content_download', events: ['content_download'], when: [], points: 15 },
        { id: 'demo_requested', events: ['demo_requested', 'contact_sales'], when: [], points: 40 },
        { id: 'unsubscribed', events: ['unsubscribed'], when: [], points: -20, cap: { per: 'week', maxOccurrences: 1 } },
      ],
      intent: {
        queryProperties: ['query'],
        referrerProperties: ['referrer'],
        classes: {
          awareness: { keywords: ['improve', 'how to'], points: 2 },
          consideration: { keywords: ['tool', 'software'], points: 5 },
          evaluation: { keywords: ['vs', 'pros and cons', 'reviews'], points: 10 },
          transactional: { keywords: ['buy', 'pricing'], points: 20, cap: { per: 'week', maxPoints: 40 } },
        },
      },
    },
    fit: {
      grades: { A: 60, B: 40, C: 20 },
      rules: [
        { id: 'decision_maker', category: 'demographic', when: [{ field: 'jobTitle', op: 'matches', pattern: '\\b(vp|director|head|chief)\\b' }], points: 25 },
        { id: 'student', category: 'demographic', when: [{ field: 'seniority', op: 'equals', value: 'student' }], points: -40 },
        { id: 'target_industry', category: 'firmographic', when: [{ field: 'company.industry', op: 'in', values: ['software', 'saas'] }], points: 20 },
        { id: 'mid_market', category: 'firmographic', when: [{ field: 'company.employees', op: 'range', min: 50, max: 5000 }], points: 15 },
        { id: 'uses_crm', category: 'technographic', when: [{ field: 'technologies', op: 'in', values: ['salesforce', 'hubspot'] }], points: 10 },
        { id: 'has_budget', category: 'qualification', when: [{ field: 'bant.budget', op: 'equals', value: true }], points: 5 },
      ],
    },
    stages: {
      contact: { events: ['form_submitted', 'content_download', 'webinar_registered', 'demo_requested'], traits: ['email'] },
      mql: { minEngagement: 50, minGrade: 'C' },
      sql: {
        fastTrack: { events: ['demo_requested', 'contact_sales', 'quote_requested', 'meeting_booked'], minGrade: 'C' },
        criteria: { minScore: 120, bantAtLeast: 3, minGrade: 'C' },
        activities: { rules: ['pricing_page_view', 'content_download', 'intent_transactional'], distinct: 2, withinDays: 30, minGrade: 'C' },
      },
      recycle: { inactiveDays: 90, requalifyGain: 20 },
      disqualify: [
        { id: 'competitor', when: [{ field: 'email', op: 'matches', pattern: '@(hubspot|marketo|salesforce)\\.com$' }] },
        { id: 'student_seniority', when: [{ field: 'seniority', op: 'equals', value: 'student' }] },
        { id: 'hard_bounce', events: ['email_bounced'], when: [{ field: 'bounceType', op: 'equals', value: 'hard' }] },
      ],
    },
  };
}
