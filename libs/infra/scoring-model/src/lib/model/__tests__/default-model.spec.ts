import { INTENT_CLASSES, intentRuleId, patternMatches, type ScoringModel } from '@baton/scoring-domain';
import { parseScoringModel } from '../parse-scoring-model';
import { DEFAULT_MODEL_TEXT } from './default-model.fixture';

/** The rules other services' tests rely on, in this order, at the top of the file. */
const CONTRACTED_RULES: readonly { id: string; points: number; events: string[]; cap?: object; pattern?: string }[] = [
  { id: 'careers_page_view', points: -5, events: ['page_view'], pattern: '/careers|/jobs' },
  { id: 'pricing_page_view', points: 15, events: ['page_view'], pattern: '/pricing', cap: { per: 'week', maxPoints: 45 } },
  { id: 'page_view', points: 5, events: ['page_view'], cap: { per: 'day', maxPoints: 25 } },
  { id: 'email_opened', points: 2, events: ['email_opened'], cap: { per: 'week', maxOccurrences: 5 } },
  { id: 'email_clicked', points: 5, events: ['email_clicked'], cap: { per: 'week', maxPoints: 25 } },
  { id: 'content_download', points: 15, events: ['content_download'], cap: { per: 'week', maxPoints: 45 } },
  { id: 'webinar_attended', points: 20, events: ['webinar_attended'] },
  { id: 'form_submitted', points: 20, events: ['form_submitted'] },
  { id: 'demo_requested', points: 40, events: ['demo_requested'] },
  { id: 'meeting_booked', points: 40, events: ['meeting_booked'] },
  { id: 'contact_sales', points: 40, events: ['contact_sales'] },
  { id: 'quote_requested', points: 40, events: ['quote_requested'] },
  { id: 'email_bounced', points: -10, events: ['email_bounced'] },
  { id: 'unsubscribed', points: -20, events: ['unsubscribed'] },
  { id: 'marked_spam', points: -30, events: ['marked_spam'] },
];

describe('the default model (models/b2b-default.yaml)', () => {
  let model: ScoringModel;
  beforeAll(() => {
    model = parseScoringModel(DEFAULT_MODEL_TEXT, 'b2b-default.yaml');
  });

  it('should point editors at the schema on its first line', () => {
    expect(DEFAULT_MODEL_TEXT.split('\n')[0]).toBe('# yaml-language-server: $schema=../../../infra/scoring-model/scoring-model.schema.json');
  });

  it('should have a version and a 30-day half-life', () => {
    expect(model.version).toBe('b2b-default-4');
    expect(model.engagement.decay).toEqual({ mode: 'half_life', halfLifeDays: 30 });
  });

  it('should start with the contracted engagement rules, ids, points and caps unchanged', () => {
    const head = model.engagement.rules.slice(0, CONTRACTED_RULES.length);
    expect(head.map(({ id, points, events, cap, when }) => ({ id, points, events, ...(cap ? { cap } : {}), ...(when[0]?.op === 'matches' ? { pattern: when[0].pattern } : {}) }))).toEqual(
      CONTRACTED_RULES,
    );
    // Only the URL conditions stated: any other would change which events the rules catch.
    expect(head.filter((rule) => rule.when.length > 0).map((rule) => [rule.id, rule.when])).toEqual([
      ['careers_page_view', [{ field: 'url', op: 'matches', pattern: '/careers|/jobs' }]],
      ['pricing_page_view', [{ field: 'url', op: 'matches', pattern: '/pricing' }]],
    ]);
  });

  it('should describe every rule, for the definitions document', () => {
    const undescribed = [...model.engagement.rules, ...model.fit.rules, ...model.stages.disqualify].filter((rule) => !rule.description);
    expect(undescribed.map((rule) => rule.id)).toEqual([]);
  });

  it('should score the four search-intent classes with their brief keywords, capped per week', () => {
    const { intent } = model.engagement;
    expect(intent.queryProperties).toEqual(['query', 'q', 'search', 'searchTerm']);
    expect(intent.referrerProperties).toEqual(['referrer']);
    expect(INTENT_CLASSES.map((intentClass) => intent.classes[intentClass].points)).toEqual([2, 5, 10, 20]);
    expect(intent.classes.awareness.keywords).toEqual(expect.arrayContaining(['troubleshoot', 'improve', 'increase', 'optimize', 'prevent', 'resolve', 'how to']));
    expect(intent.classes.consideration.keywords).toEqual(expect.arrayContaining(['tool', 'provider', 'vendor', 'software', 'supplier', 'solution']));
    expect(intent.classes.evaluation.keywords).toEqual(expect.arrayContaining(['compare', 'versus', 'vs', 'reviews', 'pros and cons', 'benchmark', 'free trial']));
    // Searching for us by name is bottom of funnel (readiness in the brief), with the transactional words.
    expect(intent.classes.transactional.keywords).toEqual(expect.arrayContaining(['buy', 'purchase', 'order', 'pricing', 'quote', 'baton']));
    expect(intent.classes.evaluation.keywords).not.toContain('baton');
    for (const intentClass of INTENT_CLASSES) {
      expect(intent.classes[intentClass].cap).toEqual({ per: 'week', maxPoints: 3 * intent.classes[intentClass].points });
    }
  });

  it('should grade A from 60, B from 40 and C from 20, over rules of every category', () => {
    expect(model.fit.grades).toEqual({ A: 60, B: 40, C: 20 });
    const fields = new Set(model.fit.rules.flatMap((rule) => rule.when.map((condition) => condition.field)));
    for (const field of ['jobTitle', 'seniority', 'role', 'company.industry', 'company.employees', 'company.annualRevenue', 'company.country', 'technologies']) {
      expect(fields).toContain(field);
    }
    const bant = model.fit.rules.filter((rule) => rule.category === 'qualification').map((rule) => rule.when);
    expect(bant).toEqual(['budget', 'authority', 'need', 'timeline'].map((criterion) => [{ field: `bant.${criterion}`, op: 'equals', value: true }]));
  });

  it("should keep rule ids clear of the intent classes' ids", () => {
    const ids = [...model.engagement.rules, ...model.fit.rules, ...model.stages.disqualify].map((rule) => rule.id);
    expect(ids.filter((id) => INTENT_CLASSES.map(intentRuleId).includes(id))).toEqual([]);
  });

  it("should define the stages with the agreed values (other services' end-to-end tests rely on them)", () => {
    const { contact, mql, sql, recycle } = model.stages;
    expect(contact).toEqual({
      events: [
        'form_submitted',
        'content_download',
        'webinar_registered',
        'webinar_attended',
        'demo_requested',
        'contact_sales',
        'quote_requested',
        'meeting_booked',
        'pricing_requested',
        'callback_requested',
        'trial_started',
      ],
      traits: ['email'],
    });
    // Every path to sales asks for an acceptable fit; the lowest grade (D) may only become an MQL, for marketing, and the model says why.
    expect(mql).toMatchObject({ minEngagement: 50, minGrade: 'D' });
    expect(mql.lowestGradeBecause).toContain('never to sales');
    expect(sql).toEqual({
      fastTrack: { events: ['demo_requested', 'meeting_booked', 'contact_sales', 'callback_requested', 'quote_requested', 'pricing_requested'], withinDays: 14, minGrade: 'C' },
      criteria: { minScore: 120, bantAtLeast: 3, minGrade: 'C' },
      activities: { rules: ['intent_transactional', 'trial_ending', 'pricing_requested', 'quote_requested'], distinct: 2, withinDays: 14, minGrade: 'C' },
    });
    expect(recycle).toEqual({ inactiveDays: 90, requalifyGain: 20 });
  });

  it('should keep interest and readiness apart: content, webinars, videos, e-mail, chat and pricing visits never reach sales alone', () => {
    const interest = [
      'content_download',
      'webinar_attended',
      'webinar_registered',
      'video_watched',
      'email_opened',
      'email_clicked',
      'chat_started',
      'pricing_page_view',
      'page_view',
      'trial_started',
      'intent_evaluation',
      'intent_consideration',
      'intent_awareness',
    ];
    const { fastTrack, activities } = model.stages.sql;
    expect(interest.filter((id) => fastTrack?.events.includes(id) || activities?.rules.includes(id))).toEqual([]);
  });

  it('should disqualify competitors and students however the profile says it, and hard bounces by event', () => {
    const rules = model.stages.disqualify.map(({ id, events, when }) => ({ id, ...(events ? { events } : {}), when }));
    expect(rules).toEqual([
      { id: 'competitor', when: [{ field: 'email', op: 'matches', pattern: '@(hubspot|marketo|salesforce|pardot)\\.com$' }] },
      { id: 'competitor_company', when: [{ field: 'company.name', op: 'matches', pattern: '^(hubspot|marketo|salesforce|pardot)\\b' }] },
      { id: 'student_seniority', when: [{ field: 'seniority', op: 'equals', value: 'student' }] },
      {
        id: 'student_job_title',
        when: [{ field: 'jobTitle', op: 'matches', pattern: '^\\s*(((undergraduate|graduate|phd|doctoral|mba|masters?) )?student|(phd|doctoral) candidate)\\s*((,|@|-|at |of |in ).*)?$' }],
      },
      { id: 'student_email', when: [{ field: 'email', op: 'matches', pattern: '@(students?|stud|alumni)\\.' }] },
      { id: 'hard_bounce', events: ['email_bounced'], when: [{ field: 'bounceType', op: 'equals', value: 'hard' }] },
    ]);
    const matches = (id: string, value: string): boolean => patternMatches((rules.find((rule) => rule.id === id)?.when[0] as { pattern: string }).pattern, value);
    expect(['Student', 'student', 'Graduate Student, MIT', 'PhD candidate', 'MBA student at INSEAD'].every((title) => matches('student_job_title', title))).toBe(true);
    expect(['Student Recruitment Manager', 'Head of Student Success', 'Candidate Experience Lead'].some((title) => matches('student_job_title', title))).toBe(false);
    expect(['ann@student.uni.edu', 'bob@students.example.ac.uk'].every((email) => matches('student_email', email))).toBe(true);
    expect(['prof@uni.edu', 'ann@studio.example'].some((email) => matches('student_email', email))).toBe(false);
    expect(['HubSpot', 'Salesforce Inc.'].every((name) => matches('competitor_company', name))).toBe(true);
    expect(['HubSpotter Consulting', 'Acme'].some((name) => matches('competitor_company', name))).toBe(false);
    // Through the engine's matcher (RE2), as scoring and lifecycle apply it.
    const competitor = (email: string): boolean => patternMatches((rules[0]?.when[0] as { pattern: string }).pattern, email);
    expect(['jane@hubspot.com', 'JOE@Salesforce.com', 'x@marketo.com', 'y@pardot.com'].every(competitor)).toBe(true);
    expect(['jane@nothubspot.co', 'joe@salesforce.com.example.org', 'ann@example.com'].some(competitor)).toBe(false);
  });

  it('should explain every setting of the stages section, on its line or just above', () => {
    const section = DEFAULT_MODEL_TEXT.slice(DEFAULT_MODEL_TEXT.indexOf('\nstages:') + 1).split('\n');
    // Like the rules above, a rule's id, description and conditions line explain themselves.
    const uncommented = section.filter(
      (line, index) => line.trim() !== '' && !line.includes('#') && !(section[index - 1] ?? '').trim().startsWith('#') && !/^\s*(- )?(id|description|when):/.test(line),
    );
    expect(uncommented).toEqual([]);
  });
});
