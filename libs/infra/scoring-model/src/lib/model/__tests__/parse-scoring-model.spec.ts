import { allConditionsHold } from '@baton/scoring-domain';
import { parseScoringModel } from '../parse-scoring-model';
import { ScoringModelInvalidError } from '../scoring-model-invalid.error';
import { edit, MODEL_TEXT, problemsOf } from './model-text.fixture';

describe('parseScoringModel', () => {
  it('should map a valid file to the engine shape', () => {
    const model = parseScoringModel(MODEL_TEXT);

    expect(model.version).toBe('test-1');
    expect(model.engagement.decay).toEqual({ mode: 'half_life', halfLifeDays: 30 });
    expect(model.engagement.rules).toEqual([
      { id: 'pricing_page_view', events: ['page_view'], when: [{ field: 'url', op: 'matches', pattern: '/pricing' }], points: 15, cap: { per: 'week', maxPoints: 45 } },
      { id: 'page_view', events: ['page_view'], when: [], points: 5 },
    ]);
    expect(model.fit.rules[0]?.when).toEqual([{ field: 'jobTitle', op: 'matches', pattern: '\\b(vp|director)\\b' }]);
  });

  it('should map every operator, events lists and keywords to the engine shape', () => {
    const text = edit(
      '        - { field: url, matches: "/pricing" }',
      [
        '        - { field: url, equals: "/pricing" }',
        '        - { field: plan, in: [pro, 3] }',
        '        - { field: seats, min: 5, max: 50 }',
        '        - { field: seats, max: 50 }',
        '        - { field: coupon, exists: false }',
      ].join('\n'),
      edit('      event: page_view\n      when:', '      events: [page_view, pricing_view]\n      when:', edit('[how to]', '["  How   To ", how to, Fix]')),
    );

    const model = parseScoringModel(text);

    expect(model.engagement.rules[0]?.events).toEqual(['page_view', 'pricing_view']);
    expect(model.engagement.rules[0]?.when).toEqual([
      { field: 'url', op: 'equals', value: '/pricing' },
      { field: 'plan', op: 'in', values: ['pro', 3] },
      { field: 'seats', op: 'range', min: 5, max: 50 },
      { field: 'seats', op: 'range', max: 50 },
      { field: 'coupon', op: 'exists', exists: false },
    ]);
    expect(model.engagement.intent.classes.awareness).toEqual({ keywords: ['how to', 'fix'], points: 2 });
    expect(model.engagement.intent.queryProperties).toEqual(['q']);
  });

  it("should map the stages, conditions of disqualify rules as fit rules' are", () => {
    const model = parseScoringModel(MODEL_TEXT);

    expect(model.stages).toEqual({
      contact: { events: ['form_submitted'], traits: ['email'] },
      mql: { minEngagement: 50, minGrade: 'C' },
      sql: {
        fastTrack: { events: ['demo_requested'], minGrade: 'B' },
        criteria: { minScore: 120, bantAtLeast: 3, minGrade: 'C' },
        activities: { rules: ['pricing_page_view', 'intent_transactional'], distinct: 2, withinDays: 30, minGrade: 'C' },
      },
      recycle: { inactiveDays: 90, requalifyGain: 20 },
      disqualify: [
        { id: 'competitor', description: 'Works for a competitor.', when: [{ field: 'email', op: 'matches', pattern: '@(hubspot|marketo)\\.com$' }] },
        { id: 'hard_bounce', events: ['email_bounced'], when: [{ field: 'bounceType', op: 'equals', value: 'hard' }] },
      ],
    });
  });

  it('should map one SQL path alone, no disqualify rule, empty events and an event rule without conditions', () => {
    const text = edit(
      '    fastTrack: { events: [demo_requested], minGrade: B }\n    criteria: { minScore: 120, bantAtLeast: 3, minGrade: C }\n',
      '',
      edit('[form_submitted], traits', '[], traits', edit('      when: [{ field: bounceType, equals: hard }]\n', '')),
    );

    const { stages } = parseScoringModel(text);

    expect(stages.contact).toEqual({ events: [], traits: ['email'] });
    expect(stages.sql).toEqual({ activities: { rules: ['pricing_page_view', 'intent_transactional'], distinct: 2, withinDays: 30, minGrade: 'C' } });
    expect(stages.disqualify[1]).toEqual({ id: 'hard_bounce', events: ['email_bounced'], when: [] });
    expect(parseScoringModel(`${text.slice(0, text.indexOf('  disqualify:'))}  disqualify: []\n`).stages.disqualify).toEqual([]);
  });

  it('should throw a coded error whose message lists each problem with path and line', () => {
    const text = edit('      points: 15', '      points: fifteen', edit('version: test-1', 'version: -bad'));

    let caught: unknown;
    try {
      parseScoringModel(text, 'models/broken.yaml');
    } catch (error: unknown) {
      caught = error;
    }

    expect(caught).toBeInstanceOf(ScoringModelInvalidError);
    const error = caught as ScoringModelInvalidError;
    expect(error.code).toBe('SCORING_MODEL.INVALID');
    expect(error.message).toBe(
      'models/broken.yaml is not a valid scoring model:\n' +
        '  - version (line 1): must start with a letter or digit, then letters, digits, ".", "_" or "-" (64 characters at most)\n' +
        '  - engagement.rules[0].points (line 11): must be an integer',
    );
  });

  describe('should report each kind of mistake once, at its path and line', () => {
    it.each([
      ['a YAML syntax error', edit('"/pricing"', '"/pricing'), { path: '', line: 10, message: 'YAML syntax: Missing closing "quote' }],
      ['a badly indented key', edit('    halfLifeDays: 30', '   halfLifeDays: 30'), { path: '', line: 5, message: 'YAML syntax: All mapping items must start at the same column' }],
      [
        'a duplicate key',
        edit('    halfLifeDays: 30', '    halfLifeDays: 30\n    mode: none'),
        { path: 'engagement.decay.mode', line: 6, message: 'duplicate key "mode": a key may appear only once in a mapping' },
      ],
      ['an unknown key', edit('      points: 5', '      points: 5\n      weight: 2'), { path: 'engagement.rules[1].weight', line: 16, message: 'unknown key "weight"' }],
      [
        'a misspelt key',
        edit('      points: 5', '      pionts: 5'),
        // points is missing too: the rule's own line carries that problem.
        [
          { path: 'engagement.rules[1].points', line: 13, message: 'is required' },
          { path: 'engagement.rules[1].pionts', line: 15, message: 'unknown key "pionts" (did you mean "points"?)' },
        ],
      ],
      ['a wrong type', edit('      points: 15', '      points: fifteen'), { path: 'engagement.rules[0].points', line: 11, message: 'must be an integer' }],
      ['a fraction where an integer is due', edit('      points: 15', '      points: 1.5'), { path: 'engagement.rules[0].points', line: 11, message: 'must be an integer' }],
      ['a missing version', edit('version: test-1\n', ''), { path: 'version', line: 1, message: 'is required' }],
      ['an unknown decay mode', edit('    mode: half_life', '    mode: exponential'), { path: 'engagement.decay.mode', line: 4, message: 'must be one of none, half_life, linear, window' }],
      [
        'decay settings of another mode',
        edit('    mode: half_life', '    mode: window'),
        [
          { path: 'engagement.decay.days', line: 3, message: 'is required' },
          { path: 'engagement.decay.halfLifeDays', line: 5, message: 'unknown key "halfLifeDays"' },
        ],
      ],
      ['a decay out of range', edit('halfLifeDays: 30', 'halfLifeDays: 0'), { path: 'engagement.decay.halfLifeDays', line: 5, message: 'must be more than 0' }],
      [
        'a duplicate rule id',
        edit('    - id: decision_maker', '    - id: page_view'),
        { path: 'fit.rules[0].id', line: 26, message: 'duplicate rule id "page_view": already used by engagement.rules[1].id (line 13)' },
      ],
      [
        'an id taken by an intent class',
        edit('    - id: page_view', '    - id: intent_awareness'),
        { path: 'engagement.rules[1].id', line: 13, message: 'must not start with "intent_", which is kept for the ids of the search-intent classes' },
      ],
      ['a bad regular expression', edit('"/pricing"', '"/pricing("'), { path: 'engagement.rules[0].when[0].matches', line: 10, message: 'is not a valid regular expression: Unterminated group' }],
      [
        'a lookaround, which RE2 does not run',
        edit('"/pricing"', '"/pricing(?!/enterprise)"'),
        {
          path: 'engagement.rules[0].when[0].matches',
          line: 10,
          message: 'is not a valid regular expression: (?! is a lookaround (patterns run on RE2, in linear time: no backreferences or lookarounds)',
        },
      ],
      [
        'a backreference, which RE2 does not run',
        edit('"\\\\b(vp|director)\\\\b"', '"(\\\\w)\\\\1"'),
        {
          path: 'fit.rules[0].when[0].matches',
          line: 29,
          message: 'is not a valid regular expression: \\1 is a backreference (patterns run on RE2, in linear time: no backreferences or lookarounds)',
        },
      ],
      ['grades out of order', edit('{ A: 60, B: 40, C: 20 }', '{ A: 40, B: 40, C: 20 }'), { path: 'fit.grades.B', line: 24, message: 'must be lower than A (40): grades go A > B > C' }],
      [
        'a condition with two operators',
        edit('{ field: url, matches: "/pricing" }', '{ field: url, matches: "/pricing", equals: "/pricing" }'),
        { path: 'engagement.rules[0].when[0]', line: 10, message: 'has 2 operators (equals, matches): a condition takes exactly one, so write one condition for each test' },
      ],
      [
        'a condition without an operator',
        edit('{ field: url, matches: "/pricing" }', '{ field: url }'),
        { path: 'engagement.rules[0].when[0]', line: 10, message: 'needs an operator: one of equals, in, matches, min/max, exists' },
      ],
      [
        'a misspelt operator',
        edit('{ field: url, matches: "/pricing" }', '{ field: url, matchs: "/pricing" }'),
        { path: 'engagement.rules[0].when[0].matchs', line: 10, message: 'unknown key "matchs" (did you mean "matches"?)' },
      ],
      [
        'a mistake inside the operator a condition chose',
        edit('{ field: url, matches: "/pricing" }', '{ field: url, in: [] }'),
        { path: 'engagement.rules[0].when[0].in', line: 10, message: 'must not be empty: list at least one' },
      ],
      [
        'a range with min above max',
        edit('{ field: url, matches: "/pricing" }', '{ field: seats, min: 50, max: 5 }'),
        { path: 'engagement.rules[0].when[0].min', line: 10, message: 'must not be more than max (5): no value could match' },
      ],
      [
        'a cap with neither maximum',
        edit('cap: { per: week, maxPoints: 45 }', 'cap: { per: week }'),
        { path: 'engagement.rules[0].cap', line: 12, message: 'needs maxPoints, maxOccurrences or both' },
      ],
      [
        'a rule with both event and events',
        edit('      event: page_view\n      points: 5', '      event: page_view\n      events: [page_view]\n      points: 5'),
        { path: 'engagement.rules[1]', line: 13, message: 'has both event and events: give one type as event, or several as events' },
      ],
      [
        'a rule without event',
        edit('      event: page_view\n      points: 5', '      points: 5'),
        { path: 'engagement.rules[1]', line: 13, message: 'needs event (one event type) or events (a list of them)' },
      ],
      [
        'a rule worth 0',
        edit('      points: 5', '      points: 0'),
        { path: 'engagement.rules[1].points', line: 15, message: 'must not be 0: a rule worth no points does nothing, remove it instead' },
      ],
      [
        'a rule an earlier one hides',
        edit('  intent:', '    - { id: case_study_view, event: page_view, when: [{ field: url, matches: /customers }], points: 10 }\n  intent:'),
        {
          path: 'engagement.rules[2]',
          line: 16,
          message: 'can never fire: rule "page_view" at engagement.rules[1] (line 13) has no conditions and takes every page_view event first (the first matching rule wins); move this rule above it',
        },
      ],
      ['a keyword listed twice', edit('[tool]', '[tool, tool]'), { path: 'engagement.intent.consideration.keywords', line: 20, message: 'lists "tool" twice' }],
      ['a missing intent class', edit('    evaluation: { points: 10, keywords: [vs] }\n', ''), { path: 'engagement.intent.evaluation', line: 16, message: 'is required' }],
      [
        'a fit rule without conditions',
        edit('      when:\n        - { field: jobTitle', '      when: []\n      x:\n        - { field: jobTitle'),
        [
          { path: 'fit.rules[0].when', line: 28, message: 'must not be empty: list at least one' },
          { path: 'fit.rules[0].x', line: 29, message: 'unknown key "x"' },
        ],
      ],
      [
        'a bad field name',
        edit('{ field: url, matches: "/pricing" }', '{ field: 1url, matches: "/pricing" }'),
        { path: 'engagement.rules[0].when[0].field', line: 10, message: 'must be a field name, dotted for nesting (company.industry): letters, digits and _, not starting with a digit' },
      ],
      [
        'a keyword of punctuation only',
        edit('[tool]', '[tool, "++"]'),
        { path: 'engagement.intent.consideration.keywords[1]', line: 20, message: 'must contain a letter or digit: searches are compared word by word, without punctuation' },
      ],
      ['no stages', MODEL_TEXT.slice(0, MODEL_TEXT.indexOf('stages:')), { path: 'stages', line: 1, message: 'is required' }],
      [
        'an activity rule that is not in the model',
        edit('[pricing_page_view, intent_transactional]', '[pricing_page_view, pricing_view, intent_transactional]'),
        {
          path: 'stages.sql.activities.rules[1]',
          line: 37,
          message: 'unknown rule "pricing_view": list ids of this model\'s engagement rules or intent_awareness, intent_consideration, intent_evaluation, intent_transactional',
        },
      ],
      [
        'a fit rule as an activity',
        edit('[pricing_page_view, intent_transactional]', '[decision_maker, intent_transactional]'),
        {
          path: 'stages.sql.activities.rules[0]',
          line: 37,
          message: '"decision_maker" is a fit rule, not an activity: list ids of this model\'s engagement rules or intent_awareness, intent_consideration, intent_evaluation, intent_transactional',
        },
      ],
      [
        'an activity that is not an id',
        edit('[pricing_page_view, intent_transactional]', '[pricing_page_view, Pricing]'),
        { path: 'stages.sql.activities.rules[1]', line: 37, message: 'must be a rule id in snake_case: an engagement rule of this model or intent_<class> (intent_transactional)' },
      ],
      [
        'more distinct activities than listed',
        edit('distinct: 2', 'distinct: 3'),
        { path: 'stages.sql.activities.distinct', line: 37, message: 'must not be more than the number of rules listed (2): no lead could do 3 different ones' },
      ],
      ['an unknown MQL grade', edit('minEngagement: 50, minGrade: C }', 'minEngagement: 50, minGrade: E }'), { path: 'stages.mql.minGrade', line: 33, message: 'must be one of A, B, C, D' }],
      [
        'an MQL open to the lowest grade without a reason',
        edit('minEngagement: 50, minGrade: C }', 'minEngagement: 50, minGrade: D }'),
        { path: 'stages.mql.minGrade', line: 33, message: 'D lets a lead of the lowest fit grade become an MQL: raise it to C or better, or give lowestGradeBecause with the reason' },
      ],
      [
        'a path to sales open to the lowest grade without a reason',
        edit('bantAtLeast: 3, minGrade: C }', 'bantAtLeast: 3, minGrade: D }'),
        {
          path: 'stages.sql.criteria.minGrade',
          line: 36,
          message: 'D lets a lead of the lowest fit grade reach sales by score and BANT: raise it to C or better, or give lowestGradeBecause with the reason',
        },
      ],
      [
        'a reason for the lowest grade on a path that does not admit it',
        edit('withinDays: 30, minGrade: C }', "withinDays: 30, minGrade: C, lowestGradeBecause: 'no enrichment yet' }"),
        { path: 'stages.sql.activities.lowestGradeBecause', line: 37, message: 'applies only with minGrade D; this path asks for C or better' },
      ],
      ['an SQL path without a fit grade', edit('bantAtLeast: 3, minGrade: C }', 'bantAtLeast: 3 }'), { path: 'stages.sql.criteria.minGrade', line: 36, message: 'is required' }],
      ['an unknown fast-track grade', edit('minGrade: B }', 'minGrade: b }'), { path: 'stages.sql.fastTrack.minGrade', line: 35, message: 'must be one of A, B, C, D' }],
      [
        'an SQL score no higher than the MQL engagement',
        edit('minScore: 120', 'minScore: 50'),
        {
          path: 'stages.sql.criteria.minScore',
          line: 36,
          message: "must be more than 50, the MQL's minimum engagement at stages.mql.minEngagement (line 33): an SQL asks for more than an MQL",
        },
      ],
      ['a BANT count above 4', edit('bantAtLeast: 3', 'bantAtLeast: 5'), { path: 'stages.sql.criteria.bantAtLeast', line: 36, message: 'must be at most 4' }],
      ['an MQL engagement of 0', edit('minEngagement: 50', 'minEngagement: 0'), { path: 'stages.mql.minEngagement', line: 33, message: 'must be at least 1' }],
      ['a negative requalify gain', edit('requalifyGain: 20', 'requalifyGain: -1'), { path: 'stages.recycle.requalifyGain', line: 38, message: 'must be at least 0' }],
      ['inactive days of 0', edit('inactiveDays: 90', 'inactiveDays: 0'), { path: 'stages.recycle.inactiveDays', line: 38, message: 'must be at least 1' }],
      [
        'a contact without events or traits',
        edit('{ events: [form_submitted], traits: [email] }', '{ events: [], traits: [] }'),
        { path: 'stages.contact', line: 32, message: 'lists no event and no trait: give at least one of either, or no visitor could ever become a contact' },
      ],
      [
        'no way to become an SQL',
        edit(
          '  sql:\n    fastTrack: { events: [demo_requested], minGrade: B }\n    criteria: { minScore: 120, bantAtLeast: 3, minGrade: C }\n    activities: { rules: [pricing_page_view, intent_transactional], distinct: 2, withinDays: 30, minGrade: C }',
          '  sql: {}',
        ),
        { path: 'stages.sql', line: 34, message: 'needs fastTrack, criteria or activities: at least one way for a lead to become an SQL' },
      ],
      [
        'a disqualify pattern that does not compile',
        edit('"@(hubspot|marketo)\\\\.com$"', '"@(hubspot"'),
        { path: 'stages.disqualify[0].when[0].matches', line: 42, message: 'is not a valid regular expression: Unterminated group' },
      ],
      [
        'a disqualify id used by another rule',
        edit('    - id: hard_bounce', '    - id: page_view'),
        { path: 'stages.disqualify[1].id', line: 43, message: 'duplicate rule id "page_view": already used by engagement.rules[1].id (line 13)' },
      ],
      [
        'two disqualify rules with one id',
        edit('    - id: hard_bounce', '    - id: competitor'),
        { path: 'stages.disqualify[1].id', line: 43, message: 'duplicate rule id "competitor": already used by stages.disqualify[0].id (line 40)' },
      ],
      [
        'a disqualify rule without conditions or events',
        edit('      events: [email_bounced]\n      when: [{ field: bounceType, equals: hard }]', '      description: Bounced.'),
        { path: 'stages.disqualify[1]', line: 43, message: 'needs when (conditions on the profile) or events (event types, with or without when)' },
      ],
      [
        'a disqualify condition with two operators',
        edit('{ field: bounceType, equals: hard }', '{ field: bounceType, equals: hard, in: [hard] }'),
        { path: 'stages.disqualify[1].when[0]', line: 45, message: 'has 2 operators (equals, in): a condition takes exactly one, so write one condition for each test' },
      ],
      [
        'a misspelt stage',
        edit('  recycle:', '  recycel:'),
        [
          { path: 'stages.recycle', line: 31, message: 'is required' },
          { path: 'stages.recycel', line: 38, message: 'unknown key "recycel" (did you mean "recycle"?)' },
        ],
      ],
      ['an empty file', '', { path: '', message: 'is empty: a model needs at least version, engagement, fit and stages' }],
      ['a file that is not a mapping', 'just text\n', { path: '', line: 1, message: 'must be a mapping (key: value lines)' }],
    ])('%s', (_, text, expected) => {
      expect(problemsOf(text)).toEqual(Array.isArray(expected) ? expected : [expected]);
    });
  });

  it('should accept a pattern that backtracks catastrophically in JavaScript: on RE2 it runs in linear time', () => {
    const model = parseScoringModel(edit('"@(hubspot|marketo)\\\\.com$"', '"^(a+)+$"'), 'test.yaml');
    const [competitor] = model.stages.disqualify;

    expect(competitor?.when).toEqual([{ field: 'email', op: 'matches', pattern: '^(a+)+$' }]);
    expect(allConditionsHold(competitor?.when ?? [], { email: `${'a'.repeat(100_000)}!` })).toBe(false);
    expect(allConditionsHold(competitor?.when ?? [], { email: 'aaaa' })).toBe(true);
  });

  it('should report every problem of a file at once, in file order', () => {
    const text = edit('{ A: 60, B: 40, C: 20 }', '{ A: 60, B: 40, C: 40 }', edit('"/pricing"', '"["', edit('    mode: half_life', '    mode: sometimes')));

    expect(problemsOf(text).map((problem) => [problem.path, problem.line])).toEqual([
      ['engagement.decay.mode', 4],
      ['engagement.rules[0].when[0].matches', 10],
      ['fit.grades.C', 24],
    ]);
  });
});
