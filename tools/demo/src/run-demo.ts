/**
 * `npm start`: the four services against the local Kafka and Redis, a webhook receiver standing in for the
 * sales team's CRM, and demo traffic, narrated in the terminal. Ctrl-C stops it all.
 */
import { randomUUID } from 'node:crypto';
import Redis from 'ioredis';
import { ApiKeyStore } from '@baton/api-auth';
import { API_SCOPES } from '@baton/api-key';
import { LEAD_QUALIFIED_TOPIC, SCORE_CHANGES_TOPIC, type LeadQualifiedV1, type ScoreChangedV1 } from '@baton/contracts';
import { BatonSystem, TopicReader, WebhookReceiver } from '@baton/testing';

const say = (line: string): void => {
  process.stdout.write(`${new Date().toISOString().slice(11, 19)}  ${line}\n`);
};

interface Step {
  readonly type: string;
  readonly properties?: Record<string, string>;
}

interface Journey {
  /** Sent first, as a CRM would: fit is scored before the first event. */
  readonly traits: Record<string, unknown>;
  readonly steps: readonly Step[];
}

// Three prospects: a well-fitting buyer who books a demo, an eager reader who fits less, a student who glances.
const JOURNEYS: Record<string, Journey> = {
  'ada@northwind.example': {
    traits: { jobTitle: 'VP Marketing', company: { name: 'Northwind', industry: 'Software', employees: 320, country: 'US' }, technologies: ['Salesforce'] },
    steps: [
      { type: 'page_view', properties: { url: '/blog/lead-scoring' } },
      { type: 'search', properties: { query: 'baton vs hubspot' } },
      { type: 'page_view', properties: { url: '/pricing' } },
      { type: 'demo_requested' },
    ],
  },
  'grace@contoso.example': {
    traits: { jobTitle: 'Marketing Manager', company: { name: 'Contoso', industry: 'Retail', employees: 40 } },
    steps: [
      { type: 'page_view', properties: { url: '/' } },
      { type: 'email_opened' },
      { type: 'email_clicked' },
      { type: 'content_download' },
      { type: 'webinar_attended' },
      { type: 'page_view', properties: { url: '/pricing' } },
    ],
  },
  'linus@fabrikam.example': {
    traits: { jobTitle: 'Student' },
    steps: [{ type: 'page_view', properties: { url: '/careers' } }, { type: 'email_opened' }, { type: 'unsubscribed' }],
  },
};

/** Runs one operation on the API keys in the Redis at `redisUrl`, with a connection of its own. */
async function withKeyStore<T>(redisUrl: string, operation: (store: ApiKeyStore) => Promise<T>): Promise<T> {
  const redis = new Redis(redisUrl, { lazyConnect: true, connectionName: 'baton-demo', maxRetriesPerRequest: 2 });
  redis.on('error', () => undefined); // reaches us through the rejected connect or command
  try {
    await redis.connect();
    return await operation(new ApiKeyStore(redis));
  } finally {
    redis.disconnect();
  }
}

async function main(): Promise<void> {
  const brokers = process.env['KAFKA_BROKERS'] as string;
  const redisUrl = process.env['REDIS_URL'];
  if (redisUrl === undefined || redisUrl === '') throw new Error('REDIS_URL is not set: start the demo with npm start');
  // Every endpoint needs a key: one with every scope, for the demo traffic and for the user to try; revoked at the end.
  const { key: apiKey, record: demoKey } = await withKeyStore(redisUrl, (store) => store.create({ source: 'demo', scopes: API_SCOPES }));
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` };
  const secret = BatonSystem.newWebhookSecret();
  const receiver = await WebhookReceiver.start(secret);
  const system = new BatonSystem();
  const readers: TopicReader[] = [];
  let stopping = false;
  const stop = async (): Promise<void> => {
    if (stopping) return;
    stopping = true;
    say('stopping the services…');
    await Promise.all(readers.map((reader) => reader.stop()));
    await system.stop();
    await receiver.stop();
    await withKeyStore(redisUrl, (store) => store.revoke(demoKey.keyId)).catch((error: unknown) => {
      say(`could not revoke the demo API key ${demoKey.keyId} (${error instanceof Error ? error.message : String(error)}): npm run api-keys -- revoke ${demoKey.keyId}`);
    });
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());

  say(`starting ingest, scoring, lifecycle and notifier (logs in .baton/logs/service-*.log)`);
  await system.start({ webhookUrl: receiver.url, webhookSecret: secret, defaultPorts: true, consumerGroupPrefix: 'baton', logPrefix: 'service' });
  say(`ready: ingest on ${system.ingestUrl}, alerts go to ${receiver.url}`);
  say(`API key ${demoKey.keyId} (source demo, every scope) created for this run; sent as Authorization: Bearer`);

  const run = randomUUID().slice(0, 6);
  const leadIds = Object.keys(JOURNEYS).map((email) => `${email.split('@')[0]}-${run}`);
  const seenScores = new Set<string>();
  const scores = await TopicReader.start(brokers, SCORE_CHANGES_TOPIC);
  const qualifications = await TopicReader.start(brokers, LEAD_QUALIFIED_TOPIC);
  readers.push(scores, qualifications);
  const seenQualifications = new Set<string>();
  const seenAlerts = new Set<string>();
  setInterval(() => {
    for (const leadId of leadIds) {
      for (const change of scores.valuesFor<ScoreChangedV1>(leadId)) {
        if (seenScores.has(change.scoreChangeId)) continue;
        seenScores.add(change.scoreChangeId);
        const fired = change.firedRules.map((rule) => `${rule.ruleId} ${rule.points >= 0 ? '+' : ''}${rule.points}`).join(', ');
        say(`  scored     ${leadId.padEnd(14)} ${change.causeEventType.padEnd(18)} ${change.delta >= 0 ? '+' : ''}${change.delta} → ${change.score} (engagement ${change.engagement} + fit ${change.fit}, grade ${change.grade}) ${fired}`);
      }
      for (const qualified of qualifications.valuesFor<LeadQualifiedV1>(leadId)) {
        if (seenQualifications.has(qualified.qualificationId)) continue;
        seenQualifications.add(qualified.qualificationId);
        const top = qualified.topSignals.map((signal) => signal.ruleId).join(', ');
        say(`★ QUALIFIED  ${leadId.padEnd(14)} ${qualified.previousStage} → ${qualified.stage.toUpperCase()} by ${qualified.rule} (score ${qualified.score}, grade ${qualified.grade}; top signals: ${top})`);
      }
      for (const delivery of receiver.deliveriesFor(leadId)) {
        if (seenAlerts.has(delivery.id)) continue;
        seenAlerts.add(delivery.id);
        say(`✉ ALERT      ${leadId.padEnd(14)} webhook ${delivery.id}: signature ${delivery.verified ? 'verified ✔' : `INVALID (${delivery.verification})`}`);
      }
    }
  }, 200).unref();

  const journeys = Object.values(JOURNEYS);
  for (const [index, journey] of journeys.entries()) {
    const leadId = leadIds[index] as string;
    const response = await fetch(`${system.ingestUrl}/v1/leads/${leadId}/profile`, { method: 'PUT', headers, body: JSON.stringify({ traits: journey.traits }) });
    say(`→ profile    ${leadId.padEnd(14)} ${String(journey.traits['jobTitle']).padEnd(18)} HTTP ${response.status}`);
  }
  const longest = Math.max(...journeys.map((journey) => journey.steps.length));
  for (let index = 0; index < longest; index++) {
    for (const [lead, journey] of journeys.entries()) {
      const step = journey.steps[index];
      const leadId = leadIds[lead] as string;
      if (step === undefined) continue;
      const response = await fetch(`${system.ingestUrl}/v1/events`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ eventId: randomUUID(), leadId, type: step.type, occurredAt: new Date().toISOString(), properties: step.properties }),
      });
      say(`→ sent       ${leadId.padEnd(14)} ${step.type.padEnd(18)} HTTP ${response.status}`);
      await new Promise((resolve) => setTimeout(resolve, 700));
    }
  }
  say(`demo traffic sent. Baton keeps running: try it yourself, then press Ctrl-C to stop.`);
  say(`  your API key (every scope; revoked when the demo stops; shown only here): ${apiKey}`);
  say(`  curl -X POST ${system.ingestUrl}/v1/events -H 'content-type: application/json' \\`);
  say(`    -H 'Authorization: Bearer ${apiKey}' \\`);
  say(`    -d '{"eventId":"${randomUUID()}","leadId":"you-1","type":"demo_requested","occurredAt":"${new Date().toISOString()}"}'`);
  say(`  the commands take it too: BATON_API_KEY=${apiKey} npm run funnel -- --from ${new Date().toISOString().slice(0, 10)} --to ${new Date().toISOString().slice(0, 10)}`);
  leadIds.push('you-1');
}

main().catch((error: unknown) => {
  process.stderr.write(`demo failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
