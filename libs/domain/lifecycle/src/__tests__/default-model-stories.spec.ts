import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseScoringModel, type ProfilePatch } from '@baton/scoring-domain';
import { leadJourney, type JourneyCause, type Stage } from '../index';

// The shipped default model, read as the services read it.
const MODEL = parseScoringModel(readFileSync(join(__dirname, '../../../scoring/models/b2b-default.yaml'), 'utf8'), 'b2b-default.yaml');

interface Story {
  readonly who: ProfilePatch;
  readonly did: readonly (string | { readonly type: string; readonly properties: Record<string, string> })[];
  /** Where the definitions (the product brief) say the lead must end, and every stage it may pass on the way. */
  readonly endsAs: Stage;
  readonly reaches: readonly Stage[];
}

const FITTING_MARKETER: ProfilePatch = { email: 'grace@contoso.example', jobTitle: 'Marketing Manager', company: { name: 'Contoso', industry: 'Software', employees: 120, country: 'US' } };
const VP: ProfilePatch = { email: 'ada@northwind.example', jobTitle: 'VP Marketing', company: { name: 'Northwind', industry: 'Software', employees: 320, country: 'US' } };
const pricing = { type: 'page_view', properties: { url: '/pricing' } };
const search = (query: string) => ({ type: 'search', properties: { query } });

/**
 * Lead stories read like the definitions: who they are, what they did (all this week), and where the default model
 * must leave them. Interest makes an MQL; only readiness from a lead that fits makes an SQL.
 */
const STORIES: Readonly<Record<string, Story>> = {
  'a fitting VP who asks for a demo is handed to sales at once': { who: VP, did: ['demo_requested'], endsAs: 'sql', reaches: ['contact', 'sql'] },
  'a fitting marketer who reads, attends, watches and compares prices is interested, not sales-ready': {
    who: FITTING_MARKETER,
    did: ['content_download', 'webinar_attended', pricing, pricing, 'email_clicked', 'video_watched'],
    endsAs: 'mql',
    reaches: ['contact', 'mql'],
  },
  'a student who downloads, attends and looks at prices is kept away for good': {
    who: { email: 'linus@uni.example', jobTitle: 'Student', seniority: 'none', company: { name: 'State University', employees: 5 } },
    did: ['content_download', 'webinar_attended', pricing],
    endsAs: 'disqualified',
    reaches: ['disqualified'],
  },
  'a student by e-mail domain is kept away whatever the title says': {
    who: { email: 'sam@student.uni.example', jobTitle: 'Marketing Intern' },
    did: ['demo_requested'],
    endsAs: 'disqualified',
    reaches: ['disqualified'],
  },
  'a competitor by company name is kept away, a personal address does not hide it': {
    who: { email: 'spy@gmail.example', jobTitle: 'VP Marketing', company: { name: 'HubSpot', employees: 5000 } },
    did: ['demo_requested'],
    endsAs: 'disqualified',
    reaches: ['disqualified'],
  },
  'a one-person shop asking for a demo (grade D) is not handed to sales': {
    who: { email: 'sam@tinyshop.example', jobTitle: 'Owner', company: { name: 'Tiny Shop', industry: 'Retail', employees: 2 } },
    did: ['demo_requested'],
    endsAs: 'contact',
    reaches: ['contact'],
  },
  'a grade D lead doing every late-funnel thing is at most marketing-qualified': {
    who: { email: 'd@tiny.example', jobTitle: 'Owner', company: { employees: 2 } },
    did: [search('buy baton pricing'), 'trial_ending', 'content_download', 'webinar_attended'],
    endsAs: 'mql',
    reaches: ['contact', 'mql'],
  },
  'a fitting lead with two bottom-of-funnel signals in a fortnight is sales-ready without a raised hand': {
    who: FITTING_MARKETER,
    did: [search('baton pricing'), 'trial_ending'],
    endsAs: 'sql',
    reaches: ['contact', 'sql'],
  },
  'a fitting lead comparing solutions is interested, not ready': {
    who: FITTING_MARKETER,
    did: [search('crm vs marketing automation'), search('lead scoring software comparison'), 'webinar_attended', 'content_download'],
    endsAs: 'mql',
    reaches: ['contact', 'mql'],
  },
};

describe('the default model tells interest from readiness, as the definitions do', () => {
  it.each(Object.entries(STORIES))('%s', (_, story) => {
    const now = Date.parse('2026-12-01T10:00:00Z');
    const causes: JourneyCause[] = [
      { kind: 'profile', updateId: 'p-1', updatedAt: new Date(now).toISOString(), traits: story.who },
      ...story.did.map((step, index): JourneyCause => {
        const { type, properties } = typeof step === 'string' ? { type: step, properties: undefined } : step;
        return { kind: 'event', event: { eventId: `e-${index}`, type, occurredAt: new Date(now + (index + 1) * 3_600_000).toISOString(), ...(properties ? { properties } : {}) } };
      }),
    ];
    const journey = leadJourney(MODEL, causes);
    expect({ stage: journey.stage, reached: journey.reached }).toEqual({ stage: story.endsAs, reached: story.reaches });
  });
});
