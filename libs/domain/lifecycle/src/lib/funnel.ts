import { STAGES, type Stage } from './stage';

/** One per lead: first time it became MQL, first time SQL, sales' first answer on its SQL. */
export interface LeadFunnelRecord {
  readonly stage: Stage;
  readonly mqlAt?: string;
  readonly sqlAt?: string;
  readonly salesOutcome?: 'accepted' | 'rejected';
}

export interface FunnelCohort {
  /** ISO week start (Monday, YYYY-MM-DD, UTC) of the cohort's mqlAt. */
  readonly week: string;
  readonly mqls: number;
  /** Of that cohort, how many have reached SQL since (whenever that was). */
  readonly sqls: number;
  readonly conversionRate: number | null;
}

export interface FunnelReport {
  /** Inclusive range (UTC days) of the MQL cohorts, by mqlAt. */
  readonly from: string;
  readonly to: string;
  /** Current stage of every lead, not only the range's. */
  readonly stageCounts: Readonly<Record<Stage, number>>;
  /** Weeks that have MQLs, oldest first. */
  readonly cohorts: readonly FunnelCohort[];
  readonly mqlToSql: { readonly mqls: number; readonly sqls: number; readonly conversionRate: number | null; readonly medianHoursToSql: number | null };
  /** SQLs of the range's cohorts, and SQLs without mqlAt (fast-tracked) whose sqlAt is in range. */
  readonly salesAcceptance: { readonly accepted: number; readonly rejected: number; readonly rate: number | null };
}

const HOUR_MS = 3_600_000;

/**
 * The funnel figures the business reads. Conversion counts by MQL cohort (the week a lead became an MQL), so a lead
 * that takes a month to turn SQL still counts for the week it started in.
 */
export function funnelReport(records: Iterable<LeadFunnelRecord>, from: string, to: string): FunnelReport {
  const first = dayOf(from);
  const last = dayOf(to);
  const inRange = (time: string | undefined): boolean => {
    const day = time === undefined ? undefined : dayOf(time);
    return day !== undefined && first !== undefined && last !== undefined && day >= first && day <= last;
  };

  const stageCounts = Object.fromEntries(STAGES.map((stage) => [stage, 0])) as Record<Stage, number>;
  const weeks = new Map<string, { mqls: number; sqls: number }>();
  const hoursToSql: number[] = [];
  const handedOver: LeadFunnelRecord[] = [];
  let mqls = 0;
  let sqls = 0;

  for (const record of records) {
    stageCounts[record.stage] += 1;
    if (record.mqlAt !== undefined) {
      if (!inRange(record.mqlAt)) continue;
      const week = weekOf(record.mqlAt);
      const cohort = weeks.get(week) ?? { mqls: 0, sqls: 0 };
      weeks.set(week, cohort);
      cohort.mqls += 1;
      mqls += 1;
      if (record.sqlAt === undefined) continue;
      cohort.sqls += 1;
      sqls += 1;
      handedOver.push(record);
      const hours = (Date.parse(record.sqlAt) - Date.parse(record.mqlAt)) / HOUR_MS;
      // An SQL before the MQL (fast-tracked, recycled, then MQL) converted, but has no time from MQL to SQL.
      if (hours >= 0) hoursToSql.push(hours);
    } else if (inRange(record.sqlAt)) {
      handedOver.push(record);
    }
  }

  const accepted = handedOver.filter((record) => record.salesOutcome === 'accepted').length;
  const rejected = handedOver.filter((record) => record.salesOutcome === 'rejected').length;
  return {
    from,
    to,
    stageCounts,
    cohorts: [...weeks.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([week, cohort]) => ({ week, mqls: cohort.mqls, sqls: cohort.sqls, conversionRate: ratio(cohort.sqls, cohort.mqls) })),
    mqlToSql: { mqls, sqls, conversionRate: ratio(sqls, mqls), medianHoursToSql: median(hoursToSql) },
    salesAcceptance: { accepted, rejected, rate: ratio(accepted, accepted + rejected) },
  };
}

function ratio(part: number, whole: number): number | null {
  return whole === 0 ? null : round(part / whole, 4);
}

function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const value = sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  return round(value, 2);
}

function round(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}

/** The UTC day (YYYY-MM-DD) of an ISO date or time, or undefined when it is not one. */
function dayOf(time: string): string | undefined {
  const ms = Date.parse(time);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString().slice(0, 10);
}

/** The Monday (UTC) of the ISO week holding `time`. */
function weekOf(time: string): string {
  const date = new Date(Date.parse(time));
  const sinceMonday = (date.getUTCDay() + 6) % 7;
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate() - sinceMonday)).toISOString().slice(0, 10);
}
