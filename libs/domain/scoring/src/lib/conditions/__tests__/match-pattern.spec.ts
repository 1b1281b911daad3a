import fc from 'fast-check';
import { conditionHolds } from '../match-conditions';
import { MATCH_INPUT_LIMIT, patternMatches, PatternInvalidError, patternProblem } from '../match-pattern';
import type { Condition } from '../../model/scoring-model';

const WHY_RE2 = '(patterns run on RE2, in linear time: no backreferences or lookarounds)';
const HOSTILE = `${'a'.repeat(100_000)}!`;

describe('patternProblem', () => {
  it.each([
    ['a backreference', '(\\w)\\1', `\\1 is a backreference ${WHY_RE2}`],
    ['a named backreference', '(?<word>\\w+) \\k<word>', `\\k is a backreference ${WHY_RE2}`],
    ['a lookahead', 'pricing(?=/enterprise)', `(?= is a lookaround ${WHY_RE2}`],
    ['a negative lookahead', '^(?!.*test)', `(?! is a lookaround ${WHY_RE2}`],
    ['a lookbehind', '(?<=@)hubspot', `(?<= is a lookaround ${WHY_RE2}`],
    ['a negative lookbehind', '(?<!no )budget', `(?<! is a lookaround ${WHY_RE2}`],
    ['a repetition over 1000', 'a{1001}', `invalid repetition size: {1001} ${WHY_RE2}`],
  ])('should refuse %s, which JavaScript would run, saying why: RE2', (_, pattern, problem) => {
    expect(() => new RegExp(pattern, 'i')).not.toThrow();
    expect(patternProblem(pattern)).toBe(problem);
  });

  it.each([
    ['an unclosed group', '/pricing(', 'Unterminated group'],
    ['an unclosed class', '[a-z', 'Unterminated character class'],
    ['a quantifier on nothing', '*.pdf', 'Nothing to repeat'],
    ['RE2-only syntax', '(?i)ceo', 'Invalid group'],
  ])('should refuse %s in the words it always had', (_, pattern, problem) => {
    expect(patternProblem(pattern)).toBe(problem);
  });

  it.each(['(a+)+$', '(a|aa)+$', '^(a|a)*$', '(.*a){12}$', '^(\\w+\\s?)*$', '(x+x+)+y'])(
    'should accept %s, which backtracks catastrophically in JavaScript, and match a hostile value with the right answer',
    (pattern) => {
      expect(patternProblem(pattern)).toBeUndefined();
      expect(patternMatches(pattern, HOSTILE)).toBe(false);
    },
  );

  it('should give the same answer to the same question every time (one compilation, cached)', () => {
    expect(patternProblem('(a)\\1')).toBe(patternProblem('(a)\\1'));
    expect([patternMatches('^ceo$', 'CEO'), patternMatches('^ceo$', 'CEO')]).toEqual([true, true]);
  });
});

describe('patternMatches', () => {
  it.each([
    ['\\b(ceo|cfo)\\b', ['CEO', 'the cfo.', 'Ceo & founder', 'vp/CFO'], ['ceos', 'cfop', 'exec', '']],
    ['/careers|/jobs', ['/careers', 'https://x.example/jobs/12', '/CAREERS'], ['/career', '/job', '/about']],
    ['@(hubspot|marketo)\\.com$', ['jane@hubspot.com', 'JOE@MARKETO.COM'], ['jane@hubspot.com.example.org', 'jane@hubspotxcom', 'x@hubspot.co', 'x@hubspot.com\n']],
  ])('should match %s exactly as a JavaScript RegExp with flag i did', (pattern, matching, other) => {
    for (const value of matching) expect([value, patternMatches(pattern, value)]).toEqual([value, true]);
    for (const value of other) expect([value, patternMatches(pattern, value)]).toEqual([value, false]);
    for (const value of [...matching, ...other]) expect(patternMatches(pattern, value)).toBe(new RegExp(pattern, 'i').test(value));
  });

  it('should test only the first MATCH_INPUT_LIMIT characters of a longer value', () => {
    const filler = (length: number): string => 'x'.repeat(length);
    expect(patternMatches('/pricing', `${filler(MATCH_INPUT_LIMIT - '/pricing'.length)}/pricing`)).toBe(true);
    expect(patternMatches('/pricing', `${filler(MATCH_INPUT_LIMIT - '/pricing'.length + 1)}/pricing`)).toBe(false);
    expect(patternMatches('/pricing', `/pricing${filler(100_000)}`)).toBe(true);
  });

  it('should not let $ hold where a longer value was cut', () => {
    expect(patternMatches('x$', 'x'.repeat(MATCH_INPUT_LIMIT))).toBe(true);
    expect(patternMatches('x$', 'x'.repeat(MATCH_INPUT_LIMIT + 1))).toBe(false);
    expect(patternMatches('@example\\.com$', `${'a'.repeat(MATCH_INPUT_LIMIT - 12)}@example.com.attacker.test`)).toBe(false);
  });

  it('should never test half a surrogate pair at the cut', () => {
    // The emoji takes characters MATCH_INPUT_LIMIT - 1 and MATCH_INPUT_LIMIT: it is left out whole.
    const value = `${'a'.repeat(MATCH_INPUT_LIMIT - 2)}b😀c`;
    expect(patternMatches('b😀', value)).toBe(false);
    expect(patternMatches('b.', value)).toBe(false);
    expect(patternMatches('ab', value)).toBe(true);
  });

  it('should throw a coded error for a pattern that was never checked, rather than guess', () => {
    expect(() => patternMatches('(?=x)', 'x')).toThrow(PatternInvalidError);
    expect(() => patternMatches('(?=x)', 'x')).toThrow(expect.objectContaining({ code: 'SCORING.PATTERN_INVALID', pattern: '(?=x)' }) as Error);
  });

  it('should apply to numbers and to any element of a list, as a condition', () => {
    const condition: Condition = { field: 'values', op: 'matches', pattern: '^4\\d{2}$' };
    expect(conditionHolds(condition, { values: 404 })).toBe(true);
    expect(conditionHolds(condition, { values: ['ok', '418'] })).toBe(true);
    expect(conditionHolds(condition, { values: [HOSTILE, true] })).toBe(false);
  });
});

// Patterns from a safe alphabet (ASCII: where RE2 and JavaScript's flag i agree by definition), as syntax trees.
const CHARS = ['a', 'b', 'c', 'A', 'B', '0', '1', ' ', '-', '_', '@', '/'];
const atomArb: fc.Arbitrary<string> = fc.oneof(fc.constantFrom(...CHARS), fc.constantFrom('.', '\\.', '\\d', '\\D', '\\w', '\\W', '\\s', '\\S', '[a-c]', '[^b]', '[A-B0-1]', '[-_@]', '\\/'));
const { pattern: patternArb } = fc.letrec<{ pattern: string; term: string; piece: string }>((tie) => ({
  pattern: fc.oneof(
    { weight: 3, arbitrary: tie('term') },
    fc.tuple(tie('term'), tie('term')).map(([left, right]) => `${left}|${right}`),
    tie('term').map((term) => `^${term}`),
    tie('term').map((term) => `${term}$`),
    tie('term').map((term) => `\\b${term}\\b`),
  ),
  term: fc.array(tie('piece'), { minLength: 1, maxLength: 4 }).map((pieces) => pieces.join('')),
  piece: fc
    .tuple(
      fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        { weight: 4, arbitrary: atomArb },
        tie('pattern').map((inner) => `(${inner})`),
        tie('pattern').map((inner) => `(?:${inner})`),
      ),
      fc.constantFrom('', '', '', '*', '+', '?', '{2}', '{1,3}', '*?', '+?'),
    )
    .map(([atom, quantifier]) => `${atom}${quantifier}`),
}));
// Short texts: JavaScript, the reference here, backtracks on nested quantifiers, exponentially in the length.
const textArb = fc.string({ unit: fc.constantFrom(...CHARS, 'C', '9', '.', '\n', '\t'), maxLength: 16 });

describe('RE2 against JavaScript RegExp (flag i)', () => {
  it('should agree on every pattern of a safe alphabet and every text', () => {
    fc.assert(
      fc.property(patternArb, fc.array(textArb, { minLength: 1, maxLength: 8 }), (pattern, texts) => {
        expect(patternProblem(pattern)).toBeUndefined();
        const js = new RegExp(pattern, 'i');
        for (const text of texts) expect([pattern, text, patternMatches(pattern, text)]).toEqual([pattern, text, js.test(text)]);
      }),
      { numRuns: 400 },
    );
  });

  it('should compile at match time every pattern it accepted at load', () => {
    const anything = fc.string({ unit: fc.constantFrom('a', 'b', '(', ')', '[', ']', '{', '}', '?', '*', '+', '|', '\\', '1', '<', '=', '!', 'k', '^', '$', '.'), maxLength: 12 });
    fc.assert(
      fc.property(anything, (pattern) => {
        if (patternProblem(pattern) === undefined) expect(() => patternMatches(pattern, 'ab(1)')).not.toThrow();
        else expect(() => patternMatches(pattern, 'ab')).toThrow(PatternInvalidError);
      }),
      { numRuns: 500 },
    );
  });
});
