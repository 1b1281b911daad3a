import Ajv from 'ajv';
import { conditionFindings, CONDITION_OPERATORS, CONDITION_SCHEMA, operatorFindings, toCondition, type ConditionFile } from '../../index';

describe('condition-file', () => {
  const validate = new Ajv({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true }).compile(CONDITION_SCHEMA);

  it('should accept a condition with exactly one operator and refuse none, two or an unknown key', () => {
    expect(
      [
        { field: 'a', equals: 1 },
        { field: 'a', min: 1, max: 2 },
        { field: 'a', max: 2 },
        { field: 'a', exists: false },
      ].map((condition) => validate(condition)),
    ).toEqual([true, true, true, true]);
    expect([{ field: 'a' }, { field: 'a', equals: 1, in: [1] }, { field: 'a', equals: 1, x: 1 }, { field: '1a', equals: 1 }].map((condition) => validate(condition))).toEqual([
      false,
      false,
      false,
      false,
    ]);
  });

  it('should group the operators as the schema does', () => {
    expect(CONDITION_OPERATORS).toEqual([['equals'], ['in'], ['matches'], ['min', 'max'], ['exists']]);
  });

  it('should map every operator to the engine shape', () => {
    const written: ConditionFile[] = [
      { field: 'a', equals: 'x' },
      { field: 'a', in: ['x', 1] },
      { field: 'a', matches: '^x' },
      { field: 'a', min: 1 },
      { field: 'a', exists: true },
    ];
    expect(written.map(toCondition)).toEqual([
      { field: 'a', op: 'equals', value: 'x' },
      { field: 'a', op: 'in', values: ['x', 1] },
      { field: 'a', op: 'matches', pattern: '^x' },
      { field: 'a', op: 'range', min: 1 },
      { field: 'a', op: 'exists', exists: true },
    ]);
  });

  it('should name a missing operator, several operators, a pattern RE2 refuses and an empty range', () => {
    expect(operatorFindings({ field: 'a' }, ['when', 0])).toEqual([{ path: ['when', 0], message: 'needs an operator: one of equals, in, matches, min/max, exists' }]);
    expect(operatorFindings({ field: 'a', min: 1, max: 2, in: [] }, ['when', 0])[0]?.message).toBe(
      'has 2 operators (in, min/max): a condition takes exactly one, so write one condition for each test',
    );
    expect(operatorFindings({ field: 'a', min: 1, max: 2 }, [])).toEqual([]);
    expect(conditionFindings({ field: 'a', matches: '(a', min: 3, max: 2 }, []).map((finding) => finding.path)).toEqual([['matches'], ['min']]);
  });
});
