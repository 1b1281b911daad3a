export type Align = 'left' | 'right';

/**
 * A plain-text table: the header, a rule of dashes, one line per row; columns as wide as their widest cell, two
 * spaces apart, each padded to the left or right as `align` says (numbers right), no trailing spaces.
 */
export function formatTable(headers: readonly string[], rows: readonly (readonly string[])[], align: readonly Align[]): string[] {
  const widths = headers.map((header, column) => Math.max(header.length, ...rows.map((row) => (row[column] ?? '').length)));
  const line = (cells: readonly string[]): string =>
    cells
      .map((cell, column) => (align[column] === 'right' ? cell.padStart(widths[column] ?? 0) : cell.padEnd(widths[column] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(headers), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)];
}
