import { fnv1a, mulberry32 } from '@baton/testing';
import type { LeadInputColumns, XEducationLead } from './x-education-lead';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;
const WEEK_MS = 7 * DAY_MS;

/**
 * The data set has no timestamps: every lead's journey ends with its Last Activity at an anchor instant, and its
 * earlier steps are laid out over the days before it. Scores are taken as of the time each cause reaches Baton, so
 * the anchor follows the run: the latest of this instant plus a whole number of weeks that is at least an hour
 * before the run. Whole weeks keep the weekly caps' periods, so a run scores the same events alike whatever its day;
 * the run comes 1 hour to 7 days after the last activity. The replay turns the lifecycle inactivity sweep off, so
 * that it does not recycle these historic leads while they are being replayed.
 */
export const TIMELINE_ANCHOR = '2026-10-01T12:00:00.000Z';

export function timelineAnchorFor(runAt: number): string {
  const base = Date.parse(TIMELINE_ANCHOR);
  const weeks = Math.floor((runAt - HOUR_MS - base) / WEEK_MS);
  return new Date(base + weeks * WEEK_MS).toISOString();
}

/** The longest a journey spans before its last activity. */
export const MAX_SPAN_DAYS = 28;

/** Seconds between two page views of one visit, when the visit's pages are laid out. */
const PAGE_SPACING_MS = 20_000;

export type PropertyValue = string | number | boolean;

export interface MappedEvent {
  readonly eventId: string;
  readonly leadId: string;
  readonly type: string;
  readonly occurredAt: string;
  readonly properties?: Readonly<Record<string, PropertyValue>>;
}

/** Fits ProfileTraitsV1 (libs/contracts): only existing traits are used. */
export interface MappedTraits {
  readonly jobTitle?: string;
  readonly seniority?: string;
  readonly company?: { readonly industry?: string; readonly country?: string };
}

export interface MappedProfile {
  readonly updateId: string;
  readonly updatedAt: string;
  readonly traits: MappedTraits;
}

/** What Baton receives for one lead: its profile (when anything is known) and its events, oldest first. */
export interface LeadInputs {
  readonly leadId: string;
  readonly prospectId: string;
  readonly profile?: MappedProfile;
  readonly events: readonly MappedEvent[];
}

/** Lead Origin: how the lead came in, its first event. */
const ORIGIN_EVENTS: Readonly<Record<string, { readonly type: string; readonly properties?: Readonly<Record<string, string>> }>> = {
  API: { type: 'api_signup' },
  'Landing Page Submission': { type: 'form_submitted', properties: { form: 'landing_page' } },
  'Lead Add Form': { type: 'form_submitted', properties: { form: 'lead_add_form' } },
  'Quick Add Form': { type: 'form_submitted', properties: { form: 'quick_add_form' } },
  'Lead Import': { type: 'lead_imported' },
};

/** Last Activity: the lead's most recent step, mapped to Baton's event types where one exists. */
const LAST_ACTIVITY_EVENTS: Readonly<Record<string, { readonly type: string; readonly properties?: Readonly<Record<string, string>> }>> = {
  'Email Opened': { type: 'email_opened' },
  'Email Link Clicked': { type: 'email_clicked' },
  'View in browser link Clicked': { type: 'email_clicked', properties: { link: 'view_in_browser' } },
  'Email Bounced': { type: 'email_bounced' },
  'Email Marked Spam': { type: 'marked_spam' },
  'Email Received': { type: 'email_received' },
  Unsubscribed: { type: 'unsubscribed', properties: { channel: 'email' } },
  'Resubscribed to emails': { type: 'resubscribed', properties: { channel: 'email' } },
  'Olark Chat Conversation': { type: 'chat_started', properties: { channel: 'olark' } },
  'Page Visited on Website': { type: 'page_view' },
  'Form Submitted on Website': { type: 'form_submitted', properties: { form: 'website' } },
  'Converted to Lead': { type: 'converted_to_lead' },
  'SMS Sent': { type: 'sms_sent' },
  'Had a Phone Conversation': { type: 'phone_conversation' },
  Unreachable: { type: 'call_unreachable' },
  'Approached upfront': { type: 'approached_upfront' },
  'Visited Booth in Tradeshow': { type: 'tradeshow_booth_visited' },
};

/** Occupation as an enriched seniority, in the vocabulary of ProfileTraitsV1 (the title keeps the answer). */
const OCCUPATION_SENIORITY: Readonly<Record<string, string>> = {
  Student: 'student',
  'Working Professional': 'individual_contributor',
  Businessman: 'owner',
};

/**
 * A row's inputs as Baton inputs: deterministic (the layout's random draws come from mulberry32 seeded with the
 * Prospect ID, never from the lead id, so a run prefix changes no time), built from the input columns only.
 */
export function mapLeadInputs(lead: Pick<XEducationLead, 'prospectId' | 'inputs'>, leadId: string, timelineAnchor = TIMELINE_ANCHOR): LeadInputs {
  const { inputs } = lead;
  const random = mulberry32(fnv1a(lead.prospectId));
  const anchor = Date.parse(timelineAnchor);
  const visits = visitCount(inputs);
  // Busier leads spread over more days: a visit a day or so, at most four weeks.
  const spanDays = visits === 0 ? 0 : Math.min(MAX_SPAN_DAYS, visits - 1 + Math.floor(random() * 4));
  const start = anchor - spanDays * DAY_MS - 3 * HOUR_MS;

  const timed: { at: number; type: string; properties?: Readonly<Record<string, PropertyValue>> }[] = [];
  const origin = inputs.leadOrigin === undefined ? undefined : (ORIGIN_EVENTS[inputs.leadOrigin] ?? { type: snakeCase(inputs.leadOrigin) });
  if (origin !== undefined || inputs.leadSource !== undefined) {
    const properties = { ...origin?.properties, ...(inputs.leadSource === undefined ? {} : { source: inputs.leadSource }) };
    timed.push({ at: start, type: origin?.type ?? 'lead_created', properties });
  }
  // The opt-outs and the free e-book are ticked on the sign-up form: just after the lead came in.
  if (inputs.doNotEmail) timed.push({ at: start + MINUTE_MS, type: 'unsubscribed', properties: { channel: 'email' } });
  if (inputs.doNotCall) timed.push({ at: start + 2 * MINUTE_MS, type: 'unsubscribed', properties: { channel: 'phone' } });
  if (inputs.freeCopy) timed.push({ at: start + 3 * MINUTE_MS, type: 'content_download', properties: { asset: 'mastering-the-interview' } });

  timed.push(...visitEvents(inputs, visits, random, start + 10 * MINUTE_MS, anchor - 2 * HOUR_MS));

  const last = inputs.lastActivity === undefined ? undefined : (LAST_ACTIVITY_EVENTS[inputs.lastActivity] ?? { type: snakeCase(inputs.lastActivity) });
  if (last !== undefined) timed.push({ at: anchor, type: last.type, properties: last.properties });

  // Strictly increasing times, so that the order sent is the order in time and the last event is the latest.
  const ordered = timed.map((event, index) => ({ ...event, index })).sort((a, b) => a.at - b.at || a.index - b.index);
  let previous = Number.NEGATIVE_INFINITY;
  const events = ordered.map((event, index): MappedEvent => {
    const at = Math.max(event.at, previous + 1000);
    previous = at;
    const properties = event.properties === undefined || Object.keys(event.properties).length === 0 ? undefined : event.properties;
    return { eventId: `${leadId}-e${index}`, leadId, type: event.type, occurredAt: new Date(at).toISOString(), ...(properties === undefined ? {} : { properties }) };
  });

  const traits = traitsOf(inputs);
  const profile = Object.keys(traits).length === 0 ? undefined : { updateId: `${leadId}-p0`, updatedAt: new Date(start).toISOString(), traits };
  return { leadId, prospectId: lead.prospectId, events, ...(profile === undefined ? {} : { profile }) };
}

/** Visits as recorded; a lead with time on the site but no recorded visit had at least one. */
function visitCount(inputs: LeadInputColumns): number {
  const recorded = Math.round(inputs.totalVisits ?? 0);
  return recorded === 0 && inputs.totalTimeSec > 0 ? 1 : recorded;
}

/**
 * One page_view per page seen: `visits` visits of about Page Views Per Visit pages each (at least one), at
 * random times in [from, to]. Total Time Spent on Website is shared out over the visits at random, and a
 * visit's time evenly over its pages, as `durationSec` (whole seconds; the shares add up to the total).
 */
function visitEvents(inputs: LeadInputColumns, visits: number, random: () => number, from: number, to: number): { at: number; type: string; properties: Record<string, number> }[] {
  if (visits === 0) return [];
  const pages = Math.max(visits, Math.round(visits * (inputs.pageViewsPerVisit ?? 1)));
  const weights = Array.from({ length: visits }, () => 0.5 + random());
  const durations = shareOut(inputs.totalTimeSec, weights);
  const starts = Array.from({ length: visits }, () => from + Math.floor(random() * (to - from))).sort((a, b) => a - b);
  const events: { at: number; type: string; properties: Record<string, number> }[] = [];
  for (let visit = 0; visit < visits; visit++) {
    const visitPages = Math.floor(pages / visits) + (visit < pages % visits ? 1 : 0);
    const perPage = shareOut(
      durations[visit] as number,
      Array.from({ length: visitPages }, () => 1),
    );
    for (let page = 0; page < visitPages; page++) {
      events.push({ at: (starts[visit] as number) + page * PAGE_SPACING_MS, type: 'page_view', properties: { visit: visit + 1, durationSec: perPage[page] as number } });
    }
  }
  return events;
}

/** `total` whole units shared in proportion to `weights`, the rounding left over going to the first shares. */
function shareOut(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const shares = weights.map((weight) => Math.floor((Math.round(total) * weight) / sum));
  let left = Math.round(total) - shares.reduce((a, b) => a + b, 0);
  for (let index = 0; left > 0; index = (index + 1) % shares.length, left--) shares[index] = (shares[index] as number) + 1;
  return shares;
}

function traitsOf(inputs: LeadInputColumns): MappedTraits {
  const seniority = inputs.occupation === undefined ? undefined : OCCUPATION_SENIORITY[inputs.occupation];
  const company = {
    ...(inputs.specialization === undefined ? {} : { industry: inputs.specialization }),
    ...(inputs.country === undefined ? {} : { country: inputs.country }),
  };
  return {
    ...(inputs.occupation === undefined ? {} : { jobTitle: inputs.occupation }),
    ...(seniority === undefined ? {} : { seniority }),
    ...(Object.keys(company).length === 0 ? {} : { company }),
  };
}

/** An unforeseen value as a valid event type (ENGAGEMENT_EVENT_TYPE_PATTERN): "Visited Booth" → visited_booth. */
export function snakeCase(value: string): string {
  const snake = value
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  return /^[a-z]/.test(snake) ? snake.slice(0, 64) : `x_${snake}`.slice(0, 64);
}
