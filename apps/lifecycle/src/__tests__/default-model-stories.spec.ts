import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { ProfilePatch } from '@baton/scoring-domain';
import { parseScoringModel } from '@baton/scoring-model-file';
import { leadJourney, type JourneyCause } from '@baton/lifecycle-domain';

// The shipped default model and its stories, read as the services and the end-to-end test read them.
const MODELS = join(__dirname, '../../../../libs/domain/scoring/models');
const MODEL = parseScoringModel(readFileSync(join(MODELS, 'b2b-default.yaml'), 'utf8'), 'b2b-default.yaml');
const { people, stories } = parse(readFileSync(join(MODELS, 'b2b-default.stories.yaml'), 'utf8')) as {
  people: Record<string, ProfilePatch>;
  stories: { story: string; who: string; did: (string | { type: string; properties?: Record<string, string>; daysAgo?: number })[]; reaches: string[]; alerts: string[] }[];
};
const DAY_MS = 86_400_000;

/**
 * The stories through the pure domain, every cause reaching Baton at `now` (e2e/src/lead-stories.e2e-spec.ts sends
 * them through the running services): interest makes an MQL, only readiness from a lead that fits makes an SQL.
 */
describe('the default model tells interest from readiness, as the definitions do', () => {
  it.each(stories.map((story) => [story.story, story] as const))('%s', (_, story) => {
    const now = Date.parse('2026-12-01T10:00:00Z');
    const loggedAt = new Date(now).toISOString();
    const start = now - story.did.length * 3_600_000;
    const causes: JourneyCause[] = [
      { kind: 'profile', updateId: 'p-1', updatedAt: new Date(start).toISOString(), traits: people[story.who] as ProfilePatch, loggedAt },
      ...story.did.map((step, index): JourneyCause => {
        const { type, properties, daysAgo = 0 } = typeof step === 'string' ? { type: step } : step;
        const occurredAt = new Date(start + index * 3_600_000 + 60_000 - daysAgo * DAY_MS).toISOString();
        return { kind: 'event', event: { eventId: `e-${index}`, type, occurredAt, ...(properties ? { properties } : {}) }, loggedAt };
      }),
    ];
    const journey = leadJourney(MODEL, causes);
    expect({ reached: journey.reached, alerts: journey.reached.filter((stage) => stage === 'mql' || stage === 'sql') }).toEqual({ reached: story.reaches, alerts: story.alerts });
  });

  it('should decide a story the same whenever it is replayed: no decision reads the clock', () => {
    const story = stories.find((candidate) => candidate.did.some((step) => typeof step !== 'string' && step.daysAgo !== undefined)) ?? stories[0];
    const loggedAt = '2026-12-01T10:00:00.000Z';
    const causes: JourneyCause[] = (story?.did ?? []).map((step, index) => {
      const { type, daysAgo = 0 } = typeof step === 'string' ? { type: step } : step;
      return { kind: 'event', event: { eventId: `e-${index}`, type, occurredAt: new Date(Date.parse(loggedAt) - daysAgo * DAY_MS - 60_000).toISOString() }, loggedAt };
    });
    jest.useFakeTimers({ now: Date.parse(loggedAt) });
    const live = leadJourney(MODEL, causes);
    jest.setSystemTime(Date.parse('2029-06-01T00:00:00Z'));
    const replayed = leadJourney(MODEL, causes);
    jest.useRealTimers();
    expect(replayed).toEqual(live);
  });
});
