/**
 * `npm start`: the four services against the local Kafka and Redis, a webhook receiver standing in for the
 * sales team's CRM, and demo traffic, narrated in the terminal, then a summary of what the story expected and
 * what happened. Ctrl-C stops it all; `--exit-after-demo` stops after the summary (exit 1 if the story did not
 * go as it should), for scripts and CI.
 */
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import Redis from 'ioredis';
import { ApiKeyStore } from '@baton/api-auth';
import { API_SCOPES } from '@baton/api-key';
import { LEAD_QUALIFIED_TOPIC, SCORE_CHANGES_TOPIC, type LeadQualifiedV1, type ScoreChangedV1 } from '@baton/contracts';
import { BatonSystem, stateDir, TopicReader, WebhookReceiver, type ReceivedWebhook } from '@baton/testing';
import { DEMO_JOURNEYS } from './demo-journeys';
import { demoOutcome, type DemoLeadSeen, type DemoLeadView } from './demo-outcome';

const USAGE = 'usage: npm start [-- --exit-after-demo]';
/** How long the demo waits, after its traffic, for every score, qualification and alert its story expects. */
const SETTLE_TIMEOUT_MS = 60_000;

const say = (line: string): void => {
  process.stdout.write(`${new Date().toISOString().slice(11, 19)}  ${line}\n`);
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

/** Everything the demo starts, stopped in reverse order once, whether it ends by Ctrl-C, by its option or by a failure. */
class DemoResources {
  private readonly stops: (() => Promise<unknown>)[] = [];
  private stopping: Promise<void> | undefined;

  get stopped(): boolean {
    return this.stopping !== undefined;
  }

  add(stop: () => Promise<unknown>): void {
    this.stops.unshift(stop);
  }

  async stopAll(): Promise<void> {
    this.stopping ??= (async () => {
      for (const stop of this.stops) await stop().catch((error: unknown) => say(`while stopping: ${error instanceof Error ? error.message : String(error)}`));
    })();
    await this.stopping;
  }
}

async function main(resources: DemoResources, exitAfterDemo: boolean): Promise<number> {
  const brokers = process.env['KAFKA_BROKERS'];
  const redisUrl = process.env['REDIS_URL'];
  if (!brokers || !redisUrl) throw new Error('KAFKA_BROKERS and REDIS_URL are not set: start the demo with npm start');
  // Every endpoint needs a key: one with every scope, for the demo traffic and for the user to try; revoked at the end.
  const { key: apiKey, record: demoKey } = await withKeyStore(redisUrl, (store) => store.create({ source: 'demo', scopes: API_SCOPES }));
  resources.add(() =>
    withKeyStore(redisUrl, (store) => store.revoke(demoKey.keyId)).catch((error: unknown) => {
      say(`could not revoke the demo API key ${demoKey.keyId} (${error instanceof Error ? error.message : String(error)}): npm run api-keys -- revoke ${demoKey.keyId}`);
    }),
  );
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` };
  const secret = BatonSystem.newWebhookSecret();
  const receiver = await WebhookReceiver.start(secret);
  resources.add(() => receiver.stop());
  const system = new BatonSystem();
  resources.add(async () => {
    say('stopping the services…');
    await system.stop();
  });

  say(`starting ingest, scoring, lifecycle and notifier (logs in ${stateDir()}/logs/service-*.log)`);
  await system.start({ webhookUrl: receiver.url, webhookSecret: secret, defaultPorts: true, consumerGroupPrefix: 'baton', logPrefix: 'service' });
  say(`ready: ingest on ${system.ingestUrl}, alerts go to ${receiver.url}`);
  say(`API key ${demoKey.keyId} (source demo, every scope) created for this run; sent as Authorization: Bearer`);

  const run = randomUUID().slice(0, 6);
  const journeys = Object.entries(DEMO_JOURNEYS).map(([email, journey]) => ({ leadId: `${email.split('@')[0]}-${run}`, journey }));
  const scores = await TopicReader.start(brokers, SCORE_CHANGES_TOPIC);
  resources.add(() => scores.stop());
  const qualifications = await TopicReader.start(brokers, LEAD_QUALIFIED_TOPIC);
  resources.add(() => qualifications.stop());
  const views = new Map<string, DemoLeadView>();
  const seen = (): DemoLeadSeen[] =>
    journeys.map(({ leadId, journey }) => ({
      leadId,
      journey,
      view: views.get(leadId),
      scoreChanges: unique(scores.valuesFor<ScoreChangedV1>(leadId), (change) => change.scoreChangeId),
      qualifications: unique(qualifications.valuesFor<LeadQualifiedV1>(leadId), (qualified) => qualified.qualificationId),
      alerts: unique(receiver.deliveriesFor(leadId), (delivery: ReceivedWebhook) => delivery.id),
    }));
  const narrator = setInterval(() => narrate(seen()), 200);
  narrator.unref();

  for (const { leadId, journey } of journeys) {
    const response = await fetch(`${system.ingestUrl}/v1/leads/${leadId}/profile`, { method: 'PUT', headers, body: JSON.stringify({ traits: journey.traits }) });
    say(`→ profile    ${leadId.padEnd(14)} ${String(journey.traits['jobTitle']).padEnd(18)} HTTP ${response.status}`);
    if (response.status !== 202) throw new Error(`ingest answered ${response.status} to ${leadId}'s profile: ${await response.text()}`);
  }
  const longest = Math.max(...journeys.map(({ journey }) => journey.steps.length));
  for (let index = 0; index < longest; index++) {
    for (const { leadId, journey } of journeys) {
      const step = journey.steps[index];
      if (step === undefined) continue;
      const event = { eventId: randomUUID(), leadId, type: step.type, occurredAt: new Date().toISOString(), properties: step.properties };
      const response = await fetch(`${system.ingestUrl}/v1/events`, { method: 'POST', headers, body: JSON.stringify(event) });
      say(`→ sent       ${leadId.padEnd(14)} ${step.type.padEnd(18)} HTTP ${response.status}`);
      if (response.status !== 202) throw new Error(`ingest answered ${response.status} to ${leadId}'s ${step.type}: ${await response.text()}`);
      await sleep(700);
    }
  }

  // Each lead as lifecycle shows it (GET /v1/leads/:id): its stage, and why a poor fit was kept from sales.
  const refreshViews = async (): Promise<void> => {
    for (const { leadId } of journeys) {
      const response = await fetch(`${system.urlOf('lifecycle')}/v1/leads/${leadId}`, { headers });
      if (response.ok) views.set(leadId, (await response.json()) as DemoLeadView);
    }
  };
  const deadline = Date.now() + SETTLE_TIMEOUT_MS;
  for (await refreshViews(); !demoOutcome(seen()).settled && Date.now() < deadline && !resources.stopped; await refreshViews()) await sleep(200);
  clearInterval(narrator);
  narrate(seen());
  const outcome = demoOutcome(seen());
  say(`demo ${outcome.problems.length === 0 ? 'complete' : 'DID NOT GO AS EXPECTED'}: ${journeys.length} leads`);
  for (const line of outcome.lines) say(`  ${line}`);
  for (const problem of outcome.problems) say(`  ✘ ${problem}`);
  if (exitAfterDemo) return outcome.problems.length === 0 ? 0 : 1;

  say(`Baton keeps running: try it yourself, then press Ctrl-C to stop.`);
  say(`  your API key (every scope; revoked when the demo stops; shown only here): ${apiKey}`);
  say(`  curl -X POST ${system.ingestUrl}/v1/events -H 'content-type: application/json' \\`);
  say(`    -H 'Authorization: Bearer ${apiKey}' \\`);
  say(`    -d '{"eventId":"${randomUUID()}","leadId":"you-1","type":"demo_requested","occurredAt":"${new Date().toISOString()}"}'`);
  say(`  the commands take it too: BATON_API_KEY=${apiKey} npm run funnel -- --from ${new Date().toISOString().slice(0, 10)} --to ${new Date().toISOString().slice(0, 10)}`);
  await new Promise(() => undefined); // until Ctrl-C
  return 0;
}

const printed = { scores: new Set<string>(), qualifications: new Set<string>(), alerts: new Set<string>() };

/** Prints what is new since the last call: scores, qualifications and alerts, as they happen. */
function narrate(leads: readonly DemoLeadSeen[]): void {
  for (const { leadId, scoreChanges, qualifications, alerts } of leads) {
    for (const change of scoreChanges.filter((entry) => firstTime(printed.scores, entry.scoreChangeId))) {
      const fired = change.firedRules.map((rule) => `${rule.ruleId} ${rule.points >= 0 ? '+' : ''}${rule.points}`).join(', ');
      say(
        `  scored     ${leadId.padEnd(14)} ${change.causeEventType.padEnd(18)} ${change.delta >= 0 ? '+' : ''}${change.delta} → ${change.score} (engagement ${change.engagement} + fit ${change.fit}, grade ${change.grade}) ${fired}`,
      );
    }
    for (const qualified of qualifications.filter((entry) => firstTime(printed.qualifications, entry.qualificationId))) {
      const top = qualified.topSignals.map((signal) => signal.ruleId).join(', ');
      say(
        `★ QUALIFIED  ${leadId.padEnd(14)} ${qualified.previousStage} → ${qualified.stage.toUpperCase()} by ${qualified.rule} (score ${qualified.score}, grade ${qualified.grade}; top signals: ${top})`,
      );
    }
    for (const alert of alerts.filter((entry) => firstTime(printed.alerts, entry.id))) {
      say(`✉ ALERT      ${leadId.padEnd(14)} webhook ${alert.id}: signature ${alert.verified ? 'verified ✔' : `INVALID (${alert.verification})`}`);
    }
  }
}

function firstTime(printedIds: Set<string>, id: string): boolean {
  if (printedIds.has(id)) return false;
  printedIds.add(id);
  return true;
}

function unique<T>(values: readonly T[], idOf: (value: T) => string): T[] {
  return [...new Map(values.map((value) => [idOf(value), value])).values()];
}

function parseOptions(): { exitAfterDemo: boolean } | undefined {
  try {
    const { values } = parseArgs({ options: { 'exit-after-demo': { type: 'boolean', default: false } }, strict: true, allowPositionals: false });
    return { exitAfterDemo: values['exit-after-demo'] === true };
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n${USAGE}\n`);
    return undefined;
  }
}

const options = parseOptions();
if (options === undefined) process.exit(2);
const resources = new DemoResources();
const finish = async (code: number): Promise<never> => {
  await resources.stopAll();
  process.exit(code);
};
// Ctrl-C reaches every process of the terminal's group: the services stop themselves too, this stops what it started.
process.on('SIGINT', () => void finish(0));
process.on('SIGTERM', () => void finish(0));
main(resources, options.exitAfterDemo).then(
  (code) => finish(code),
  (error: unknown) => {
    if (resources.stopped) return; // Ctrl-C during start-up: a step cut short is no failure
    process.stderr.write(`demo failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    void finish(1);
  },
);
