import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import fc from 'fast-check';
import { scoreHistory } from '@baton/scoring-domain';
import { parseScoringModel } from '@baton/scoring-model-file';
import { canMove, INITIAL_STAGE, leadJourney, type JourneyCause } from '@baton/lifecycle-domain';

const model = parseScoringModel(readFileSync(resolve(__dirname, '../../../../libs/domain/scoring/models/b2b-default.yaml'), 'utf8'));
const TYPES = ['page_view', 'email_opened', 'content_download', 'webinar_attended', 'demo_requested', 'search', 'form_submitted', 'email_bounced'];

const arbCause: fc.Arbitrary<JourneyCause> = fc.oneof(
  {
    weight: 9,
    arbitrary: fc.record({
      kind: fc.constant('event' as const),
      event: fc.record({
        eventId: fc.uuid(),
        type: fc.constantFrom(...TYPES),
        occurredAt: fc.integer({ min: 0, max: 40 }).map((day) => new Date(Date.UTC(2026, 9, 1 + day)).toISOString()),
        properties: fc.option(fc.record({ url: fc.constantFrom('/pricing', '/careers', '/'), query: fc.constantFrom('buy lead scoring', 'pricing') }, { requiredKeys: [] }), { nil: undefined }),
      }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('profile' as const),
      updateId: fc.uuid(),
      updatedAt: fc.constant('2026-10-01T00:00:00Z'),
      traits: fc.record({ email: fc.constantFrom('ada@acme.example', 'bo@hubspot.com'), jobTitle: fc.constantFrom('VP Marketing', 'Student', 'Engineer') }, { requiredKeys: [] }),
    }),
  },
);

describe('leadJourney (the reference the chaos suite and the replay check the services against)', () => {
  it('should score a lead as scoreHistory does and move it only along allowed transitions', () => {
    fc.assert(
      fc.property(fc.array(arbCause, { maxLength: 40 }), (causes) => {
        const journey = leadJourney(model, causes);
        expect(journey.score).toBe(scoreHistory(model, causes).score);
        let stage = INITIAL_STAGE;
        for (const next of journey.reached) {
          expect(canMove(stage, next)).toBe(true);
          stage = next;
        }
        expect(journey.stage).toBe(stage);
      }),
    );
  });

  it('should count a resent cause once, wherever the copy lands', () => {
    fc.assert(
      fc.property(fc.array(arbCause, { minLength: 1, maxLength: 30 }), fc.nat(), fc.nat(), (causes, pick, at) => {
        const copy = causes[pick % causes.length] as JourneyCause;
        const position = Math.max(causes.indexOf(copy) + 1, at % (causes.length + 1));
        const resent = [...causes.slice(0, position), copy, ...causes.slice(position)];
        expect(leadJourney(model, resent)).toEqual(leadJourney(model, causes));
      }),
    );
  });
});
