import { parseScoringModel } from '../parse-scoring-model';
import { ScoringModelInvalidError, type ModelProblem } from '../scoring-model-invalid.error';

/** A small valid model; tests edit one line of it and expect problems on known lines (numbered below). */
export const MODEL_TEXT = [
  /*  1 */ 'version: test-1',
  /*  2 */ 'engagement:',
  /*  3 */ '  decay:',
  /*  4 */ '    mode: half_life',
  /*  5 */ '    halfLifeDays: 30',
  /*  6 */ '  rules:',
  /*  7 */ '    - id: pricing_page_view',
  /*  8 */ '      event: page_view',
  /*  9 */ '      when:',
  /* 10 */ '        - { field: url, matches: "/pricing" }',
  /* 11 */ '      points: 15',
  /* 12 */ '      cap: { per: week, maxPoints: 45 }',
  /* 13 */ '    - id: page_view',
  /* 14 */ '      event: page_view',
  /* 15 */ '      points: 5',
  /* 16 */ '  intent:',
  /* 17 */ '    queryProperties: [q]',
  /* 18 */ '    referrerProperties: [referrer]',
  /* 19 */ '    awareness: { points: 2, keywords: [how to] }',
  /* 20 */ '    consideration: { points: 5, keywords: [tool] }',
  /* 21 */ '    evaluation: { points: 10, keywords: [vs] }',
  /* 22 */ '    transactional: { points: 20, keywords: [pricing] }',
  /* 23 */ 'fit:',
  /* 24 */ '  grades: { A: 60, B: 40, C: 20 }',
  /* 25 */ '  rules:',
  /* 26 */ '    - id: decision_maker',
  /* 27 */ '      category: demographic',
  /* 28 */ '      when:',
  /* 29 */ '        - { field: jobTitle, matches: "\\\\b(vp|director)\\\\b" }',
  /* 30 */ '      points: 20',
  /* 31 */ 'stages:',
  /* 32 */ '  contact: { events: [form_submitted], traits: [email] }',
  /* 33 */ '  mql: { minEngagement: 50, minGrade: C }',
  /* 34 */ '  sql:',
  /* 35 */ '    fastTrack: { events: [demo_requested], minGrade: B }',
  /* 36 */ '    criteria: { minScore: 120, bantAtLeast: 3, minGrade: C }',
  /* 37 */ '    activities: { rules: [pricing_page_view, intent_transactional], distinct: 2, withinDays: 30, minGrade: C }',
  /* 38 */ '  recycle: { inactiveDays: 90, requalifyGain: 20 }',
  /* 39 */ '  disqualify:',
  /* 40 */ '    - id: competitor',
  /* 41 */ '      description: Works for a competitor.',
  /* 42 */ '      when: [{ field: email, matches: "@(hubspot|marketo)\\\\.com$" }]',
  /* 43 */ '    - id: hard_bounce',
  /* 44 */ '      events: [email_bounced]',
  /* 45 */ '      when: [{ field: bounceType, equals: hard }]',
  '',
].join('\n');

/** MODEL_TEXT with one exact, unique piece of text replaced (a typo in a test then fails loudly). */
export function edit(from: string, to: string, text = MODEL_TEXT): string {
  const at = text.indexOf(from);
  if (at < 0 || text.indexOf(from, at + 1) >= 0) throw new Error(`test fixture: "${from}" must occur exactly once`);
  return text.slice(0, at) + to + text.slice(at + from.length);
}

/** The problems parseScoringModel reports for a text that must be invalid. */
export function problemsOf(text: string): readonly ModelProblem[] {
  try {
    parseScoringModel(text, 'test.yaml');
  } catch (error: unknown) {
    if (error instanceof ScoringModelInvalidError) return error.problems;
    throw error;
  }
  throw new Error('expected the model to be invalid, but it parsed');
}
