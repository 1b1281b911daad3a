import { formatTable } from '../format-table';

describe('formatTable', () => {
  it('should align columns to their widest cell, numbers to the right, with a rule under the header', () => {
    expect(
      formatTable(
        ['Name', 'Count', 'Note'],
        [
          ['a', '1', 'short'],
          ['longer name', '1234', ''],
        ],
        ['left', 'right', 'left'],
      ),
    ).toEqual(['Name         Count  Note', '-----------  -----  -----', 'a                1  short', 'longer name   1234']);
  });

  it('should print only the header and the rule when there is no row', () => {
    expect(formatTable(['#', 'Time'], [], ['right', 'left'])).toEqual(['#  Time', '-  ----']);
  });
});
