import { csvRecords, parseCsv } from '../csv.parser';

describe('parseCsv', () => {
  it('should read quoted fields holding commas, doubled quotes and line breaks, with CRLF or LF line ends', () => {
    expect(parseCsv('a,"b, c","say ""hi"""\r\n"two\nlines",,x\n')).toEqual([
      ['a', 'b, c', 'say "hi"'],
      ['two\nlines', '', 'x'],
    ]);
  });

  it('should keep a last line without a line end', () => {
    expect(parseCsv('a,b\n1,2')).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
  });
});

describe('csvRecords', () => {
  it('should key fields by the header, dropping an unnamed trailing column and blank lines', () => {
    expect(csvRecords('Prospect ID,Converted,\nabc,1,\n\n')).toEqual([{ 'Prospect ID': 'abc', Converted: '1' }]);
  });
});
