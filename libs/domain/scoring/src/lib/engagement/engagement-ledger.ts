import type { CapPeriod, ScoringModel } from '../model/scoring-model';
import { activityEntries, type ActivityCounts } from './activity';
import { pricedRules, type PricedRule } from './fire-rules';

/** The days of one rule in one cap period (one day for a rule without a cap), in day order, with what each earned. */
interface PeriodBook {
  readonly days: number[];
  readonly counts: number[];
  /** Points each day earned after the cap; undefined where the cap left the day nothing to earn. */
  readonly points: (number | undefined)[];
}

interface RuleBook {
  readonly rule: PricedRule;
  readonly periods: Map<string | number, PeriodBook>;
  total: number;
}

/** A day's points over every rule, and how many rule-days earned on it: a day is in the trail while one does. */
interface DayTotal {
  points: number;
  earners: number;
}

/**
 * A lead's engagement priced after caps, kept up to date one occurrence at a time: adding one re-prices only its
 * rule's cap period, where pricing the counts from scratch walks all of them. Caps hold per rule and calendar
 * period, earliest day first, so the points a rule earns on a day depend on that period's counts only.
 * The one implementation of caps: scoring keeps a ledger per lead while it applies a slice, and the functions that
 * price counts from scratch build one.
 */
export class EngagementLedger {
  private readonly rules = new Map<string, RuleBook>();
  private readonly dayTotals = new Map<number, DayTotal>();
  /** The days some rule earned on (points may still sum to 0), ascending. */
  private readonly earningDays: number[] = [];

  private constructor(private readonly prices: ReadonlyMap<string, PricedRule>) {}

  static of(model: ScoringModel, activity: ActivityCounts, only?: ReadonlySet<string>): EngagementLedger {
    const ledger = new EngagementLedger(pricedRules(model));
    const touched = new Map<PeriodBook, RuleBook>();
    for (const { ruleId, day, count } of activityEntries(activity, only)) {
      const located = ledger.locate(ruleId, day);
      if (located === undefined) continue;
      addCount(located.book, day, count);
      touched.set(located.book, located.rule);
    }
    for (const [book, rule] of touched) ledger.reprice(rule, book);
    return ledger;
  }

  /** Adds one occurrence of a rule on a day; returns what the rule's points over all days changed by (0 when capped out, or unknown rule). */
  add(ruleId: string, day: number): number {
    const located = this.locate(ruleId, day);
    if (located === undefined) return 0;
    addCount(located.book, day, 1);
    const before = located.rule.total;
    this.reprice(located.rule, located.book);
    return located.rule.total - before;
  }

  /** Points per rule earned from `fromDay` to `toDay`, nonzero only. */
  ruleTotals(fromDay = Number.NEGATIVE_INFINITY, toDay = Number.POSITIVE_INFINITY): Map<string, number> {
    const totals = new Map<string, number>();
    const everyDay = fromDay === Number.NEGATIVE_INFINITY && toDay >= (this.earningDays.at(-1) ?? toDay);
    for (const [ruleId, rule] of this.rules) {
      let total = everyDay ? rule.total : 0;
      if (!everyDay) {
        for (const [, book] of rule.periods) {
          book.days.forEach((day, index) => {
            if (day >= fromDay && day <= toDay) total += book.points[index] ?? 0;
          });
        }
      }
      if (total !== 0) totals.set(ruleId, total);
    }
    return totals;
  }

  /** Each earning day up to `toDay` with its points over every rule, in day order. */
  days(toDay = Number.POSITIVE_INFINITY): { day: number; points: number }[] {
    const days: { day: number; points: number }[] = [];
    for (const day of this.earningDays) {
      if (day > toDay) break;
      days.push({ day, points: (this.dayTotals.get(day) as DayTotal).points });
    }
    return days;
  }

  private locate(ruleId: string, day: number): { rule: RuleBook; book: PeriodBook } | undefined {
    let rule = this.rules.get(ruleId);
    if (rule === undefined) {
      const price = this.prices.get(ruleId);
      if (price === undefined) return undefined;
      rule = { rule: price, periods: new Map(), total: 0 };
      this.rules.set(ruleId, rule);
    }
    const period = rule.rule.cap === undefined ? day : periodOf(day, rule.rule.cap.per);
    let book = rule.periods.get(period);
    if (book === undefined) {
      book = { days: [], counts: [], points: [] };
      rule.periods.set(period, book);
    }
    return { rule, book };
  }

  /** Prices a period's days again, earliest first against the cap, and moves the totals by what changed. */
  private reprice(ruleBook: RuleBook, period: PeriodBook): void {
    const { rule } = ruleBook;
    let spentPoints = 0;
    let spentOccurrences = 0;
    period.days.forEach((day, index) => {
      const count = period.counts[index] as number;
      let points: number | undefined;
      if (rule.cap === undefined) {
        points = count * rule.points;
      } else {
        const occurrences = Math.min(count, (rule.cap.maxOccurrences ?? Number.POSITIVE_INFINITY) - spentOccurrences);
        const size = Math.min(occurrences * Math.abs(rule.points), (rule.cap.maxPoints ?? Number.POSITIVE_INFINITY) - spentPoints);
        spentPoints += size;
        spentOccurrences += occurrences;
        points = size > 0 ? Math.sign(rule.points) * size : undefined;
      }
      const previous = period.points[index];
      if (previous === points) return;
      period.points[index] = points;
      ruleBook.total += (points ?? 0) - (previous ?? 0);
      this.moveDay(day, (points ?? 0) - (previous ?? 0), (points === undefined ? 0 : 1) - (previous === undefined ? 0 : 1));
    });
  }

  private moveDay(day: number, points: number, earners: number): void {
    let total = this.dayTotals.get(day);
    if (total === undefined) {
      total = { points: 0, earners: 0 };
      this.dayTotals.set(day, total);
    }
    total.points += points;
    total.earners += earners;
    if (earners > 0 && total.earners === 1) this.earningDays.splice(insertionIndex(this.earningDays, day), 0, day);
    if (earners < 0 && total.earners === 0) {
      this.earningDays.splice(insertionIndex(this.earningDays, day), 1);
      this.dayTotals.delete(day);
    }
  }
}

function addCount(book: PeriodBook, day: number, count: number): void {
  const index = insertionIndex(book.days, day);
  if (book.days[index] === day) {
    book.counts[index] = (book.counts[index] as number) + count;
    return;
  }
  book.days.splice(index, 0, day);
  book.counts.splice(index, 0, count);
  book.points.splice(index, 0, undefined);
}

/** The first index whose day is not before `day`. */
function insertionIndex(days: readonly number[], day: number): number {
  let low = 0;
  let high = days.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((days[middle] as number) < day) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** The calendar period (UTC) a day falls in; weeks start on Monday, as ISO 8601 has them. */
export function periodOf(day: number, per: CapPeriod): string {
  switch (per) {
    case 'day':
      return `d${day}`;
    case 'week':
      // 1970-01-01 was a Thursday: shifting by 3 makes Monday the first day of each 7-day block.
      return `w${Math.floor((day + 3) / 7)}`;
    case 'month': {
      const date = new Date(day * 86_400_000);
      return `m${date.getUTCFullYear()}-${date.getUTCMonth()}`;
    }
  }
}
