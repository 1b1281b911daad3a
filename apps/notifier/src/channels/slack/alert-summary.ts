import { fillLinkTemplate, type Alert, type AlertOwner } from '../channel';

/** How many of the latest journey steps an alert shows. */
export const JOURNEY_STEPS_SHOWN = 5;

/** One journey step as a salesperson reads it. */
export interface JourneyLine {
  /** `2024-05-01 10:02 UTC` */
  readonly when: string;
  /** `page view` */
  readonly what: string;
  readonly detail?: string;
}

/**
 * The facts every channel renders, in words and unescaped: Slack and e-mail show the same things, each escapes
 * for its own format. Pure: built from the alert alone.
 */
export interface AlertSummary {
  /** `New SQL: Ada Lovelace, Northwind` (the lead id when the profile has no name). */
  readonly headline: string;
  readonly leadName: string;
  readonly company?: string;
  readonly jobTitle?: string;
  /** `SQL (from MQL)` */
  readonly stage: string;
  /** `A · 140 (engagement 70 + fit 70)` */
  readonly gradeAndScore: string;
  readonly owner?: AlertOwner;
  /** `requested a demo` */
  readonly whyNow: string;
  /** `pricing page view +30` */
  readonly topSignals: readonly string[];
  /** The latest steps, oldest first. */
  readonly journey: readonly JourneyLine[];
  /** The channel's link template filled in, when it has one and it makes an http(s) URL. */
  readonly link?: string;
  readonly leadId: string;
  readonly qualificationId: string;
}

const FAST_TRACK_ACTIONS: Readonly<Record<string, string>> = {
  demo_requested: 'requested a demo',
  demo_request: 'requested a demo',
  contact_sales: 'asked to talk to sales',
  quote_requested: 'requested a quote',
  meeting_booked: 'booked a meeting',
  callback_requested: 'asked to be called back',
  pricing_requested: 'asked for prices',
  trial_started: 'started a trial',
};

export function alertSummary(alert: Alert, linkTemplate?: string): AlertSummary {
  const q = alert.qualification;
  const profile = q.profile ?? {};
  const leadName = text(profile['name']) ?? q.leadId;
  const company = companyName(profile['company']);
  const stage = q.stage.toUpperCase();
  const link = linkTemplate ? webLink(fillLinkTemplate(linkTemplate, alert)) : undefined;
  return {
    headline: `New ${stage}: ${company === undefined ? leadName : `${leadName}, ${company}`}`,
    leadName,
    company,
    jobTitle: text(profile['jobTitle']),
    stage: q.previousStage && q.previousStage !== q.stage ? `${stage} (from ${stageName(q.previousStage)})` : stage,
    gradeAndScore: `${q.grade} · ${q.score} (engagement ${q.engagement} + fit ${q.fit})`,
    owner: alert.owner,
    whyNow: whyNow(alert),
    topSignals: (q.topSignals ?? []).map((signal) => `${words(signal.ruleId)} ${signal.points >= 0 ? '+' : ''}${signal.points}`),
    journey: (q.journey ?? []).slice(-JOURNEY_STEPS_SHOWN).map(journeyLine),
    ...(link === undefined ? {} : { link }),
    leadId: q.leadId,
    qualificationId: q.qualificationId,
  };
}

/** Why the lead qualified now, in words, from the reason the lifecycle gave, and the fit gate it passed. */
export function whyNow(alert: Alert): string {
  const { reason } = alert.qualification;
  const grade = text(reason['grade']);
  const minGrade = text(reason['minGrade']);
  const gate = grade === undefined || minGrade === undefined ? '' : `; fit ${grade} passed the gate of ${minGrade === 'D' ? 'any grade' : `${minGrade} or better`}`;
  return `${qualifiedBecause(alert)}${gate}`;
}

function qualifiedBecause(alert: Alert): string {
  const { reason, stage } = alert.qualification;
  switch (reason.kind) {
    case 'score_threshold': {
      // `threshold`/`score` since the first contract version; `minEngagement`/`engagement` from the domain.
      const engagement = num(reason['score']) ?? num(reason['engagement']) ?? alert.qualification.engagement;
      const threshold = num(reason['threshold']) ?? num(reason['minEngagement']);
      return threshold === undefined
        ? `engagement ${engagement} reached the ${stage.toUpperCase()} threshold`
        : `engagement ${engagement} reached the ${stage.toUpperCase()} threshold of ${threshold}`;
    }
    case 'fast_track': {
      const action = text(reason['action']);
      if (action === undefined) return 'took a hand-raising action';
      return FAST_TRACK_ACTIONS[action] ?? `hand-raising action: ${words(action)}`;
    }
    case 'criteria': {
      const score = num(reason['score']) ?? alert.qualification.score;
      const met = strings(reason['bantMet']);
      if (met.length > 0) return `score ${score} with ${met.join(', ')} confirmed`;
      const minScore = num(reason['minScore']);
      return minScore === undefined ? `score ${score} met the SQL criteria` : `score ${score} reached the SQL minimum of ${minScore}`;
    }
    case 'activities': {
      const activities = strings(reason['activities']);
      const days = num(reason['withinDays']);
      const window = days === undefined ? '' : ` in ${days} ${days === 1 ? 'day' : 'days'}`;
      const count = `${activities.length} high-intent ${activities.length === 1 ? 'activity' : 'activities'}${window}`;
      return activities.length === 0 ? count : `${count}: ${activities.map(words).join(', ')}`;
    }
  }
}

/** `pricing_page_view` -> `pricing page view`. */
export function words(id: string): string {
  return id.replace(/[_:]+/g, ' ').trim();
}

/** Cuts `value` to at most `max` characters, marking the cut. */
export function truncate(value: string, max: number): string {
  if (value.length <= max) return value;
  return `${value.slice(0, Math.max(0, max - 1))}…`;
}

/** Only an absolute http(s) URL becomes a link: Slack refuses a whole message over a bad button URL. */
function webLink(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? url : undefined;
  } catch {
    return undefined;
  }
}

function journeyLine(step: { readonly at: string; readonly type: string; readonly detail?: string }): JourneyLine {
  const detail = text(step.detail);
  return { when: when(step.at), what: words(step.type), ...(detail === undefined ? {} : { detail }) };
}

function stageName(stage: string): string {
  return stage.length <= 3 ? stage.toUpperCase() : words(stage);
}

function when(at: string): string {
  const date = new Date(at);
  if (Number.isNaN(date.getTime())) return at;
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

function companyName(company: unknown): string | undefined {
  if (typeof company === 'string') return text(company);
  if (company !== null && typeof company === 'object') return text((company as Record<string, unknown>)['name']);
  return undefined;
}

function text(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const trimmed = value.replace(/\s+/g, ' ').trim();
  return trimmed === '' ? undefined : trimmed;
}

function num(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string' && item !== '') : [];
}
