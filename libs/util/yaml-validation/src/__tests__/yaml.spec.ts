import { formatPath, formatProblem, isRecord, parseYaml, toProblems, valueAt } from '../index';

const TEXT = ['version: "1"', 'channels:', '  crm-webhook:', '    secretEnv:', '      - A', '      - B', 'routes: []', ''].join('\n');

describe('paths', () => {
  it('formats keys dotted, indexes in brackets and other keys quoted', () => {
    expect(formatPath(['engagement', 'rules', 3, 'when', 0, 'matches'])).toBe('engagement.rules[3].when[0].matches');
    expect(formatPath(['channels', 'crm-webhook', 'secretEnv', 0])).toBe('channels["crm-webhook"].secretEnv[0]');
    expect(formatPath([])).toBe('');
  });

  it('reads the value at a path, undefined where there is none', () => {
    const data = { a: [{ b: 1 }], c: null };
    expect(valueAt(data, ['a', 0, 'b'])).toBe(1);
    expect(valueAt(data, ['a', '0'])).toBeUndefined();
    expect(valueAt(data, ['toString'])).toBeUndefined();
    expect(valueAt(data, ['c', 'd'])).toBeUndefined();
    expect([isRecord({}), isRecord([]), isRecord(null)]).toEqual([true, false, false]);
  });
});

describe('parseYaml', () => {
  it('gives the data and the line of each path (the closest written ancestor for a missing one)', () => {
    const { data, locator, problems } = parseYaml(TEXT);
    expect(problems).toEqual([]);
    expect(data).toEqual({ version: '1', channels: { 'crm-webhook': { secretEnv: ['A', 'B'] } }, routes: [] });
    expect(locator.lineOf([])).toBe(1);
    expect(locator.lineOf(['channels', 'crm-webhook', 'secretEnv', 1])).toBe(6);
    expect(locator.lineOf(['channels', 'crm-webhook', 'url'])).toBe(3);
    expect(locator.pathAt(TEXT.indexOf('B'))).toEqual(['channels', 'crm-webhook', 'secretEnv', 1]);
  });

  it('reports the first syntax error only', () => {
    const { data, problems } = parseYaml('a: [1\nb: }\n');
    expect(data).toBeUndefined();
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ path: '', line: expect.any(Number) as number, message: expect.stringMatching(/^YAML syntax: /) as string });
  });

  it.each([
    ['a second document', 'a: 1\n---\nb: 2\n', 2, /^YAML syntax: Source contains multiple documents/],
    ['a tab as indentation', 'a:\n\tb: 1\n', 2, /^YAML syntax: Tabs are not allowed as indentation/],
    ['an unclosed flow sequence', 'a: [1, 2\nb: 3\n', 2, /^YAML syntax: /],
    ['nesting deeper than the parser goes', `a: ${'['.repeat(100_000)}`, 1, /^YAML syntax: /],
  ])('refuses %s as a problem with its line, not a crash', (_, text, line, message) => {
    const { data, problems } = parseYaml(text);
    expect(data).toBeUndefined();
    expect(problems).toEqual([{ path: '', line, message: expect.stringMatching(message) as string }]);
  });

  it('reports every duplicate key at its path and line', () => {
    expect(parseYaml('a:\n  b: 1\n  b: 2\nc: 1\nc: 2\n').problems).toEqual([
      { path: 'a.b', line: 3, message: 'duplicate key "b": a key may appear only once in a mapping' },
      { path: 'c', line: 5, message: 'duplicate key "c": a key may appear only once in a mapping' },
    ]);
  });

  it('refuses an alias bomb', () => {
    const levels = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 6; i++)
      levels.push(
        `${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10)
          .fill(`*${String.fromCharCode(96 + i)}`)
          .join(', ')}]`,
      );
    const { data, problems } = parseYaml(levels.join('\n'));
    expect(data).toBeUndefined();
    expect(problems).toEqual([{ path: '', message: expect.any(String) as string }]);
  });
});

describe('problems', () => {
  it('places findings, each once, in file order, unplaceable ones last', () => {
    const { locator } = parseYaml(TEXT);
    const problems = toProblems(
      [
        { path: ['routes'], message: 'second' },
        { path: ['channels', 'crm-webhook', 'secretEnv', 0], message: 'first' },
        { path: ['routes'], message: 'second' },
      ],
      parseYaml('').locator,
    );
    expect(problems).toEqual([
      { path: 'routes', message: 'second' },
      { path: 'channels["crm-webhook"].secretEnv[0]', message: 'first' },
    ]);
    expect(
      toProblems(
        [
          { path: ['routes'], message: 'b' },
          { path: ['version'], message: 'a' },
        ],
        locator,
      ),
    ).toEqual([
      { path: 'version', line: 1, message: 'a' },
      { path: 'routes', line: 7, message: 'b' },
    ]);
  });

  it('formats a problem with its path and line', () => {
    expect(formatProblem({ path: 'a.b', line: 4, message: 'is required' })).toBe('a.b (line 4): is required');
    expect(formatProblem({ path: 'a.b', message: 'is required' })).toBe('a.b: is required');
    expect(formatProblem({ path: '', line: 2, message: 'YAML syntax: x' })).toBe('line 2: YAML syntax: x');
    expect(formatProblem({ path: '', message: 'is empty' })).toBe('the file: is empty');
  });
});
