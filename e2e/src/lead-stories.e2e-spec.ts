import { BatonSystem, readLeadStories, storyInputs, uniqueId, waitFor, WebhookReceiver, type LeadStory } from '@baton/testing';

interface LeadView {
  readonly stage: string;
  readonly lastActivityAt?: string;
  readonly history: readonly { readonly to: string }[];
  readonly scores: { readonly engagement: number; readonly asOf: string; readonly decided: { readonly engagement: number; readonly asOf?: string } };
}

/**
 * The default model's lead stories (libs/domain/scoring/models/b2b-default.stories.yaml) through the running
 * services, as a user sends them today: each lead's profile, then what it did with its real dates (some 400 days
 * ago). Every lead must pass exactly the stages the definitions say, and sales and marketing must get exactly the
 * alerts the story names: interest makes an MQL, readiness from a lead that fits an SQL, last year's activity neither.
 */
describe('the lead stories of the default model, through the running system', () => {
  const secret = BatonSystem.newWebhookSecret();
  const system = new BatonSystem();
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    receiver = await WebhookReceiver.start(secret);
    await system.start({ webhookUrl: receiver.url, webhookSecret: secret, consumerGroupPrefix: uniqueId('baton-stories'), logPrefix: 'stories' });
  });

  afterAll(async () => {
    await system.stop();
    await receiver?.stop();
  });

  const view = async (leadId: string): Promise<LeadView | undefined> => {
    const response = await fetch(`${system.urlOf('lifecycle')}/v1/leads/${encodeURIComponent(leadId)}`, { headers: system.authorized() });
    return response.ok ? ((await response.json()) as LeadView) : undefined;
  };

  /** Sends one story and waits until lifecycle has applied its last event; resolves with where the lead stands. */
  const tell = async (story: LeadStory, leadId: string): Promise<LeadView> => {
    const { profile, events } = storyInputs(story, leadId, Date.now());
    const sent = await fetch(`${system.ingestUrl}/v1/leads/${encodeURIComponent(leadId)}/profile`, { method: 'PUT', headers: system.authorized(), body: JSON.stringify(profile) });
    expect(sent.status).toBe(202);
    // Profiles and events travel on two topics: the fit is known before the first event once lifecycle has the profile.
    await waitFor(`lifecycle to know ${leadId}`, () => view(leadId), 60_000, 200);
    const posted = await fetch(`${system.ingestUrl}/v1/events`, { method: 'POST', headers: system.authorized(), body: JSON.stringify({ events }) });
    expect(posted.status).toBe(202);
    const latest = Math.max(...events.map((event) => Date.parse(event.occurredAt)));
    return waitFor(
      `lifecycle to apply the last event of ${leadId}`,
      async () => {
        const lead = await view(leadId);
        return lead?.lastActivityAt !== undefined && Date.parse(lead.lastActivityAt) === latest ? lead : undefined;
      },
      60_000,
      200,
    );
  };

  it('should end every story as the definitions say, with exactly the alerts it names', async () => {
    const stories = readLeadStories();
    const told = await Promise.all(
      stories.map(async (story, index) => {
        const leadId = uniqueId(`story-${index}`);
        return { story, leadId, lead: await tell(story, leadId) };
      }),
    );
    // The alerts the stories name, all of them, then none that they do not name.
    const alertedStages = (leadId: string): string[] => receiver.deliveriesFor(leadId).map((delivery) => (JSON.parse(delivery.body) as { stage: string }).stage);
    await waitFor('every alert the stories name', () => told.every(({ story, leadId }) => alertedStages(leadId).length >= story.alerts.length) || undefined, 60_000, 250);
    for (const { story, leadId, lead } of told) {
      expect({ story: story.story, reached: lead.history.map((entry) => entry.to), alerts: alertedStages(leadId) }).toEqual({ story: story.story, reached: story.reaches, alerts: story.alerts });
      // The view is as of now, never ahead of the decision it projects from.
      expect(Date.parse(lead.scores.asOf)).toBeGreaterThanOrEqual(Date.parse(lead.scores.decided.asOf ?? ''));
      expect(lead.scores.engagement).toBeLessThanOrEqual(lead.scores.decided.engagement);
    }
  }, 240_000);
});
