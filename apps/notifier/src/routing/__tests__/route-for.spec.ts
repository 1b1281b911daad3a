import fc from 'fast-check';
import { stringify } from 'yaml';
import type { LeadQualifiedV1 } from '@baton/contracts';
import { parseRoutingFile } from '../parse-routing-file';
import { routeFor } from '../route-for';
import { ENV, ROUTING_TEXT, SECRET } from './routing-text.fixture';

function qualified(overrides: { stage?: string; grade?: string; score?: number; country?: string }): LeadQualifiedV1 {
  return {
    qualificationId: 'q-1',
    leadId: 'lead-1',
    stage: overrides.stage ?? 'mql',
    previousStage: 'contact',
    rule: 'mql_threshold',
    reason: { kind: 'score_threshold' },
    score: overrides.score ?? 80,
    engagement: 60,
    fit: 20,
    grade: overrides.grade ?? 'B',
    breakdown: { engagementRules: [], fitRules: [] },
    topSignals: [],
    journey: [],
    profile: { company: { country: overrides.country ?? 'US', industry: 'software', employees: 250 } },
    causeEventId: 'e-1',
    modelVersion: 'test-1',
    qualifiedAt: '2026-01-01T00:00:00.000Z',
  } as LeadQualifiedV1;
}

describe('routeFor', () => {
  const config = parseRoutingFile(ROUTING_TEXT, ENV, 'routing.yaml');

  it('should take the first route whose conditions all hold', () => {
    // Both routes hold: the first wins.
    expect(routeFor(config, qualified({ stage: 'sql', grade: 'A', country: 'de' }))).toEqual({
      route: 'emea-sql',
      team: 'emea',
      channels: ['crm-webhook', 'sales-slack', 'sales-email'],
    });
    expect(routeFor(config, qualified({ stage: 'mql', grade: 'A', country: 'DE' }))).toEqual({ route: 'grade-a', team: 'na', channels: ['crm-webhook', 'sales-slack'] });
  });

  it('should fall back to the default', () => {
    expect(routeFor(config, qualified({ stage: 'sql', grade: 'C', country: 'US' }))).toEqual({ route: 'default', team: 'na', channels: ['crm-webhook'] });
  });

  it('should always route to channels (and a team) the routing defines', () => {
    const id = fc.constantFrom('alpha', 'beta', 'gamma', 'delta', 'omega');
    const condition = fc.oneof(
      fc.record({ field: fc.constant('stage'), equals: fc.constantFrom('mql', 'sql') }),
      fc.record({ field: fc.constant('grade'), in: fc.uniqueArray(fc.constantFrom('A', 'B', 'C', 'D'), { minLength: 1 }) }),
      fc.record({ field: fc.constant('score'), min: fc.integer({ min: 0, max: 200 }) }),
      fc.record({ field: fc.constant('profile.company.country'), in: fc.uniqueArray(fc.constantFrom('DE', 'FR', 'US'), { minLength: 1 }) }),
      fc.record({ field: fc.constant('profile.company.region'), exists: fc.boolean() }),
    );
    const routing = fc.uniqueArray(id, { minLength: 1 }).chain((channelIds) =>
      fc.uniqueArray(id, { minLength: 1 }).chain((teamIds) => {
        const channelList = fc.uniqueArray(fc.constantFrom(...channelIds), { minLength: 1 });
        const team = fc.option(fc.constantFrom(...teamIds), { nil: undefined });
        return fc.record({
          version: fc.constant('routing-1'),
          channels: fc.constant(Object.fromEntries(channelIds.map((channel) => [channel, { type: 'webhook', url: `https://${channel}.example.com/hook`, secretEnv: ['SECRET'] }]))),
          teams: fc.constant(Object.fromEntries(teamIds.map((teamId) => [teamId, { owners: [{ id: `${teamId}-owner`, name: 'Owner' }] }]))),
          routes: fc.uniqueArray(fc.record({ name: id, when: fc.array(condition, { minLength: 1, maxLength: 3 }), team, channels: channelList }, { requiredKeys: ['name', 'when', 'channels'] }), {
            selector: (route) => route.name,
            maxLength: 5,
          }),
          default: fc.record({ team, channels: channelList }, { requiredKeys: ['channels'] }),
        });
      }),
    );
    const lead = fc.record({
      stage: fc.constantFrom('mql', 'sql'),
      grade: fc.constantFrom('A', 'B', 'C', 'D'),
      score: fc.integer({ min: 0, max: 250 }),
      country: fc.constantFrom('DE', 'FR', 'US', 'JP'),
    });

    fc.assert(
      fc.property(routing, lead, (file, attributes) => {
        const parsed = parseRoutingFile(stringify(file), { SECRET }, 'generated.yaml');
        const choice = routeFor(parsed, qualified(attributes));
        const defined = parsed.channels.map((channel) => channel.id);
        expect(choice.channels.length).toBeGreaterThan(0);
        for (const channel of choice.channels) expect(defined).toContain(channel);
        if (choice.team !== undefined) expect(Object.keys(parsed.teams)).toContain(choice.team);
      }),
      { numRuns: 200 },
    );
  });
});
