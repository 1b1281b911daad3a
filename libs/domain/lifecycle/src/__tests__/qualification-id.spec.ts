import { qualificationIdFor } from '../index';

describe('qualificationIdFor', () => {
  it('should be stable for the same inputs and differ for another stage or cause', () => {
    expect(qualificationIdFor('lead-1', 'mql', 'evt-1')).toBe(qualificationIdFor('lead-1', 'mql', 'evt-1'));
    expect(qualificationIdFor('lead-1', 'mql', 'evt-1')).not.toBe(qualificationIdFor('lead-1', 'mql', 'evt-2'));
    expect(qualificationIdFor('lead-1', 'mql', 'evt-1')).not.toBe(qualificationIdFor('lead-1', 'sql', 'evt-1'));
    expect(qualificationIdFor('lead-1', 'mql', 'evt-1')).toMatch(/^qual_[0-9a-f]{32}$/);
  });
});
