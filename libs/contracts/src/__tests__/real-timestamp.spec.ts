import fc from 'fast-check';
import { isRealTimestamp, TIMESTAMP_WITH_ZONE } from '../index';

/** The definition: a time that matches the pattern and reads back the same as a calendar date and clock time. */
function existsOnTheCalendar(value: string): boolean {
  if (!TIMESTAMP_WITH_ZONE.test(value) || Number.isNaN(Date.parse(value))) return false;
  const [year, month, day, hour, minute, second] = value.slice(0, 19).split(/[-T:]/).map(Number) as [number, number, number, number, number, number];
  const calendar = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  return (
    calendar.getUTCFullYear() === year &&
    calendar.getUTCMonth() === month - 1 &&
    calendar.getUTCDate() === day &&
    calendar.getUTCHours() === hour &&
    calendar.getUTCMinutes() === minute &&
    calendar.getUTCSeconds() === second
  );
}

const pad = (value: number, width: number): string => String(value).padStart(width, '0');
const timestamps = fc
  .record({
    year: fc.oneof(fc.integer({ min: 0, max: 9999 }), fc.constantFrom(1900, 2000, 2024, 2100)),
    month: fc.integer({ min: 0, max: 13 }),
    day: fc.integer({ min: 0, max: 32 }),
    hour: fc.integer({ min: 0, max: 25 }),
    minute: fc.integer({ min: 0, max: 61 }),
    second: fc.integer({ min: 0, max: 61 }),
    fraction: fc.constantFrom('', '.5', '.123', '.123456789'),
    zone: fc.constantFrom('Z', '+00:00', '+02:00', '-05:30', '+23:59', '+24:00'),
  })
  .map(({ year, month, day, hour, minute, second, fraction, zone }) => `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}T${pad(hour, 2)}:${pad(minute, 2)}:${pad(second, 2)}${fraction}${zone}`);

describe('isRealTimestamp', () => {
  it('accepts exactly the times that exist on the calendar and the clock', () => {
    fc.assert(
      fc.property(timestamps, (value) => isRealTimestamp(value) === existsOnTheCalendar(value)),
      { numRuns: 20_000 },
    );
  });

  it('names the cases people write by mistake', () => {
    expect(isRealTimestamp('2024-02-29T10:00:00Z')).toBe(true);
    expect(isRealTimestamp('2026-02-29T10:00:00Z')).toBe(false);
    expect(isRealTimestamp('2026-04-31T10:00:00Z')).toBe(false);
    expect(isRealTimestamp('2026-01-31T24:00:00Z')).toBe(false);
    expect(isRealTimestamp('2026-01-31T23:59:60Z')).toBe(false);
    expect(isRealTimestamp('2026-01-31T09:30:00')).toBe(false);
  });
});
