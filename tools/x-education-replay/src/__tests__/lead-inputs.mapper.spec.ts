import fc from 'fast-check';
import { ENGAGEMENT_EVENT_TYPE_PATTERN, EngagementEventV1, ID_PATTERN, LeadProfileUpdatedV1, parseContract } from '@baton/contracts';
import { MAX_SPAN_DAYS, mapLeadInputs, snakeCase, TIMELINE_ANCHOR, timelineAnchorFor } from '../lead-inputs.mapper';
import { LEAKING_COLUMNS, toXEducationLead } from '../x-education-lead';

/** A row as leads.csv has it (its second line), with the given columns changed. */
function row(changes: Record<string, string> = {}): Record<string, string> {
  return {
    'Prospect ID': '2a272436-5132-4136-86fa-dcc88c88f482',
    'Lead Number': '660728',
    'Lead Origin': 'API',
    'Lead Source': 'Organic Search',
    'Do Not Email': 'No',
    'Do Not Call': 'No',
    Converted: '0',
    TotalVisits: '5',
    'Total Time Spent on Website': '674',
    'Page Views Per Visit': '2.5',
    'Last Activity': 'Email Opened',
    Country: 'India',
    Specialization: 'Select',
    'How did you hear about X Education': 'Select',
    'What is your current occupation': 'Unemployed',
    'What matters most to you in choosing a course': 'Better Career Prospects',
    Tags: 'Ringing',
    'Lead Quality': '',
    'Lead Profile': 'Select',
    City: 'Select',
    'Asymmetrique Activity Index': '02.Medium',
    'Asymmetrique Profile Index': '02.Medium',
    'Asymmetrique Activity Score': '15',
    'Asymmetrique Profile Score': '15',
    'A free copy of Mastering The Interview': 'No',
    'Last Notable Activity': 'Email Opened',
    ...changes,
  };
}

const LEAD_ID = 'xed-run1-2a272436-5132-4136-86fa-dcc88c88f482';
const mapped = (changes: Record<string, string> = {}): ReturnType<typeof mapLeadInputs> => mapLeadInputs(toXEducationLead(row(changes)), LEAD_ID);

describe('mapLeadInputs', () => {
  it('should map the same row to the same inputs every time', () => {
    expect(mapped()).toEqual(mapped());
  });

  it('should lay the row out as origin, visits with their pages and time, then the last activity at the anchor', () => {
    const { events, profile } = mapped();
    expect(events[0]).toMatchObject({ type: 'api_signup', properties: { source: 'Organic Search' } });
    const pages = events.filter((event) => event.type === 'page_view');
    expect(pages).toHaveLength(13); // 5 visits x 2.5 pages, rounded
    expect(new Set(pages.map((event) => event.properties?.['visit']))).toEqual(new Set([1, 2, 3, 4, 5]));
    expect(pages.reduce((sum, event) => sum + Number(event.properties?.['durationSec']), 0)).toBe(674);
    expect(events.at(-1)).toMatchObject({ type: 'email_opened', occurredAt: TIMELINE_ANCHOR });
    expect(profile?.traits).toEqual({ jobTitle: 'Unemployed', company: { country: 'India' } });
  });

  it('should give every lead events that ingest accepts, strictly in time order, within the span before the anchor', () => {
    const inputs = fc.record({
      'Prospect ID': fc.uuid(),
      'Lead Origin': fc.constantFrom('API', 'Landing Page Submission', 'Lead Add Form', 'Lead Import', 'Quick Add Form', 'Something New', ''),
      'Do Not Email': fc.constantFrom('Yes', 'No'),
      TotalVisits: fc.oneof(fc.integer({ min: 0, max: 40 }).map(String), fc.constant('')),
      'Total Time Spent on Website': fc.integer({ min: 0, max: 2500 }).map(String),
      'Page Views Per Visit': fc.oneof(
        fc.double({ min: 0, max: 12, noNaN: true }).map((n) => n.toFixed(2)),
        fc.constant(''),
      ),
      'Last Activity': fc.constantFrom('SMS Sent', 'Olark Chat Conversation', 'Email Bounced', 'Had a Phone Conversation', 'A Brand New Activity!', ''),
      'A free copy of Mastering The Interview': fc.constantFrom('Yes', 'No'),
    });
    fc.assert(
      fc.property(inputs, (changes) => {
        const leadId = `xed-run1-${changes['Prospect ID']}`;
        const { events, profile } = mapLeadInputs(toXEducationLead(row(changes)), leadId);
        const times = events.map((event) => Date.parse(event.occurredAt));
        times.forEach((time, index) => index > 0 && expect(time).toBeGreaterThan(times[index - 1] as number));
        expect(Math.max(...times)).toBeLessThanOrEqual(Date.parse(TIMELINE_ANCHOR));
        expect(Math.min(...times)).toBeGreaterThanOrEqual(Date.parse(TIMELINE_ANCHOR) - (MAX_SPAN_DAYS + 1) * 86_400_000);
        for (const event of events) {
          expect(event.type).toMatch(ENGAGEMENT_EVENT_TYPE_PATTERN);
          expect(event.eventId).toMatch(ID_PATTERN);
          expect(parseContract(EngagementEventV1, event, { rejectUnknownFields: true })).toMatchObject({ ok: true });
        }
        if (profile !== undefined) expect(parseContract(LeadProfileUpdatedV1, { ...profile, leadId }, { rejectUnknownFields: true })).toMatchObject({ ok: true });
        const durations = events.filter((event) => event.type === 'page_view' && event.properties?.['durationSec'] !== undefined);
        const seconds = Number(changes['Total Time Spent on Website']);
        if (durations.length > 0) expect(durations.reduce((sum, event) => sum + Number(event.properties?.['durationSec']), 0)).toBe(seconds);
      }),
      { numRuns: 200 },
    );
  });

  it('should never let the columns written after contact, the outcome or the lead number change the inputs', () => {
    const notInputs = [...LEAKING_COLUMNS, 'Converted', 'Lead Number', 'Last Notable Activity'];
    const changes = fc.dictionary(fc.constantFrom(...notInputs), fc.oneof(fc.string(), fc.constantFrom('Will revert after reading the email', 'High in Relevance', '01.High', '1', 'SMS Sent')));
    const baseline = mapped();
    fc.assert(fc.property(changes, (changed) => expect(mapped(changed)).toEqual(baseline)));
  });

  it("should treat 'Select' and empty answers as unknown: no trait is made up for them", () => {
    const { profile } = mapped({ Specialization: 'Select', 'What is your current occupation': '', Country: 'unknown', City: 'Select' });
    expect(profile).toBeUndefined();
    expect(mapped({ Specialization: 'Select Specialization', 'What is your current occupation': 'Select' }).profile?.traits).toEqual({ company: { country: 'India' } });
    expect(mapped({ Specialization: 'Finance Management', 'What is your current occupation': 'Student' }).profile?.traits).toEqual({
      jobTitle: 'Student',
      seniority: 'student',
      company: { industry: 'Finance Management', country: 'India' },
    });
  });

  it('should turn the opt-outs and the free e-book into events right after the lead came in', () => {
    const types = mapped({ 'Do Not Email': 'Yes', 'Do Not Call': 'Yes', 'A free copy of Mastering The Interview': 'Yes' }).events.slice(0, 4);
    expect(types.map((event) => [event.type, event.properties])).toEqual([
      ['api_signup', { source: 'Organic Search' }],
      ['unsubscribed', { channel: 'email' }],
      ['unsubscribed', { channel: 'phone' }],
      ['content_download', { asset: 'mastering-the-interview' }],
    ]);
  });

  it('should not depend on the lead id for the timeline: a run prefix changes the ids only', () => {
    const one = mapLeadInputs(toXEducationLead(row()), 'xed-a-1');
    const other = mapLeadInputs(toXEducationLead(row()), 'xed-b-1');
    expect(other.events.map((event) => [event.type, event.occurredAt, event.properties])).toEqual(one.events.map((event) => [event.type, event.occurredAt, event.properties]));
  });

  it('should make any unforeseen value a valid event type', () => {
    expect(snakeCase('Visited Booth in Tradeshow')).toBe('visited_booth_in_tradeshow');
    expect(snakeCase('42 things')).toBe('x_42_things');
  });

  it('should end the timeline a whole number of weeks after the fixed anchor, between an hour and a week before the run', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 5 * 365 * 86_400_000 }), (offset) => {
        const runAt = Date.parse(TIMELINE_ANCHOR) + offset;
        const anchor = Date.parse(timelineAnchorFor(runAt));
        expect(Math.abs((anchor - Date.parse(TIMELINE_ANCHOR)) % (7 * 86_400_000))).toBe(0);
        expect(runAt - anchor).toBeGreaterThanOrEqual(3_600_000);
        expect(runAt - anchor).toBeLessThan(7 * 86_400_000 + 3_600_000);
      }),
    );
  });
});
