import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Logger, type INestApplication } from '@nestjs/common';
import { Kafka, logLevel, type Producer } from 'kafkajs';
import { loadConfig, NotifierEnv } from '@baton/config';
import { LEAD_QUALIFIED_TOPIC, type LeadQualifiedV1 } from '@baton/contracts';
import { ConsumerHost } from '@baton/kafka';
import { createServiceApp } from '@baton/service-runtime';
import { BatonSystem, uniqueId, waitFor, WebhookReceiver } from '@baton/testing';
import { NotifierModule } from '../../notifier.module';
import { RoutingHolder } from '../routing.holder';
import { sqlQualification } from '../../__tests__/sql-qualification.fixture';

/** One channel per receiver; `routes` go first, then everything else to `fallback`. */
function routingText(fallback: string, receivers: Readonly<Record<string, WebhookReceiver>>, routes = ''): string {
  const channels = Object.entries(receivers)
    .map(([id, receiver]) => `  ${id}: { type: webhook, url: "${receiver.url}", secretEnv: [TEST_WEBHOOK_SECRET], timeoutMs: 2000 }`)
    .join('\n');
  return `version: routing-1\nchannels:\n${channels}\n${routes === '' ? '' : `routes:\n${routes}`}default: { channels: [${fallback}] }\n`;
}

describe('notifier routing hot reload, against the real Kafka and Redis', () => {
  const secret = BatonSystem.newWebhookSecret();
  const dir = mkdtempSync(join(tmpdir(), 'baton-routing-reload-'));
  const routingFile = join(dir, 'routing.yaml');
  let first: WebhookReceiver;
  let second: WebhookReceiver;
  let app: INestApplication;
  let producer: Producer;
  const errors: string[] = [];

  const qualification = (leadId: string, companyName = 'Northwind'): LeadQualifiedV1 => sqlQualification(leadId, { profile: { name: 'Ada Lovelace', company: { name: companyName, country: 'DE' } } });
  const send = async (event: LeadQualifiedV1): Promise<void> => {
    await producer.send({ topic: LEAD_QUALIFIED_TOPIC, acks: -1, messages: [{ key: event.leadId, value: JSON.stringify(event) }] });
  };
  const deliveredTo = (receiver: WebhookReceiver, leadId: string): Promise<true> =>
    waitFor(`an alert for ${leadId} at ${receiver.url}`, () => (receiver.deliveriesFor(leadId).some((delivery) => delivery.verified) ? true : undefined), 30_000);

  beforeAll(async () => {
    [first, second] = await Promise.all([WebhookReceiver.start(secret), WebhookReceiver.start(secret)]);
    writeFileSync(routingFile, routingText('first', { first }));
    const config = loadConfig(
      NotifierEnv,
      {
        ...process.env,
        KAFKA_CONSUMER_GROUP: uniqueId('notifier-routing-reload'),
        NOTIFIER_ROUTING_FILE: routingFile,
        NOTIFIER_ROUTING_RELOAD_INTERVAL_MS: '100',
        NOTIFIER_ALLOWED_DESTINATIONS: '127.0.0.1',
      },
      'notifier',
    );
    app = await createServiceApp(NotifierModule.forRoot(config, { ...process.env, TEST_WEBHOOK_SECRET: secret }), { logLevel: 'error', maxBodyBytes: config.API_MAX_BODY_BYTES });
    await app.init();
    await app.get(ConsumerHost).consumer.waitUntilMember(30_000);
    // Only the holder's refusals are of interest here; the app logs at error level and above.
    jest.spyOn(Logger.prototype, 'error').mockImplementation((message: unknown) => {
      errors.push(String(message));
    });
    producer = new Kafka({ clientId: 'notifier-routing-reload-test', brokers: String(process.env['KAFKA_BROKERS']).split(','), logLevel: logLevel.NOTHING }).producer();
    await producer.connect();
  });

  afterAll(async () => {
    jest.restoreAllMocks();
    await producer?.disconnect();
    await app?.close();
    await Promise.all([first?.stop(), second?.stop()]);
    rmSync(dir, { recursive: true, force: true });
  });

  it('should keep the running routing when the file turns invalid, and apply a valid one without a restart', async () => {
    const routing = app.get(RoutingHolder);
    const before = uniqueId('lead');
    await send(qualification(before));
    await deliveredTo(first, before);

    // A pattern RE2 refuses: logged, and alerts keep going where they went.
    writeFileSync(routingFile, routingText('second', { first, second }, '  - { name: lookaround, when: [{ field: rule, matches: "(?<!not_)sql" }], channels: [second] }\n'));
    await waitFor('the refusal logged', () => errors.find((line) => line.startsWith('routing file refused, the running routing stays in force: ')), 10_000, 20);
    expect(errors.join('\n')).toContain('routes[0].when[0].matches (line 6): is not a valid regular expression: (?<! is a lookaround');
    const during = uniqueId('lead');
    await send(qualification(during));
    await deliveredTo(first, during);
    expect(second.deliveriesFor(during)).toEqual([]);

    // A new channel, as the default, and a catastrophic pattern that RE2 runs in linear time.
    writeFileSync(routingFile, routingText('second', { first, second }, '  - { name: hostile, when: [{ field: profile.company.name, matches: "^(a+)+$" }], channels: [first] }\n'));
    await waitFor('the new routing in force', () => (routing.current.config.default.channels[0] === 'second' ? true : undefined), 10_000, 20);
    const after = uniqueId('lead');
    const attacker = uniqueId('lead');
    await send(qualification(attacker, `${'a'.repeat(100_000)}!`));
    await send(qualification(after));
    await Promise.all([deliveredTo(second, after), deliveredTo(second, attacker)]);
    expect([first.deliveriesFor(after), first.deliveriesFor(attacker)]).toEqual([[], []]);
  });
});
