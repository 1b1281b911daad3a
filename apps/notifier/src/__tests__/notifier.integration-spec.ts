import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { Kafka, logLevel, type Producer } from 'kafkajs';
import { SMTPServer } from 'smtp-server';
import request from 'supertest';
import { loadConfig, NotifierEnv } from '@baton/config';
import { ALERTS_SENT_TOPIC, DEAD_LETTER_HEADERS, LEAD_QUALIFIED_TOPIC, NOTIFIER_DEAD_LETTER_TOPIC, type AlertSentV1, type LeadQualifiedV1 } from '@baton/contracts';
import { ConsumerHost } from '@baton/kafka';
import { API_SCOPES } from '@baton/api-key';
import { createServiceApp } from '@baton/service-runtime';
import { BatonSystem, createTestApiKey, TopicReader, uniqueId, waitFor, WebhookReceiver } from '@baton/testing';
import { NotifierModule } from '../notifier.module';
import { sqlQualification } from './sql-qualification.fixture';

/** Records what reaches it; `hang` makes it never answer (a dead endpoint). */
class LocalEndpoint {
  readonly bodies: string[] = [];
  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(answer: (request: IncomingMessage, body: string) => number | 'hang'): Promise<LocalEndpoint> {
    const holder: { endpoint?: LocalEndpoint } = {};
    const server = createServer((incoming, response) => {
      const chunks: Buffer[] = [];
      incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
      incoming.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        holder.endpoint?.bodies.push(body);
        const status = answer(incoming, body);
        if (status !== 'hang') response.writeHead(status, { 'content-type': 'text/plain' }).end('ok');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    holder.endpoint = new LocalEndpoint(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`);
    return holder.endpoint;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

describe('notifier service against the real Kafka and Redis, with real local receivers', () => {
  const secret = BatonSystem.newWebhookSecret();
  const dir = mkdtempSync(join(tmpdir(), 'baton-routing-'));
  let app: INestApplication;
  let producer: Producer;
  let crm: WebhookReceiver;
  let slack: LocalEndpoint;
  let hanging: LocalEndpoint;
  let smtp: SMTPServer;
  const mails: string[] = [];
  let sent: TopicReader;
  let deadLetters: TopicReader;
  let config: NotifierEnv;
  let apiKey: string;

  const brokers = (): string => process.env['KAFKA_BROKERS'] as string;
  const qualification = (leadId: string, overrides: Partial<LeadQualifiedV1> = {}): LeadQualifiedV1 =>
    sqlQualification(leadId, {
      breakdown: { engagementRules: [{ ruleId: 'demo_requested', points: 40 }], fitRules: [{ ruleId: 'senior_decision_maker', points: 20 }] },
      journey: [{ at: '2026-11-24T09:00:00Z', type: 'page_view', ruleId: 'pricing_page_view', points: 15, detail: '/pricing' }],
      profile: { name: 'Ada Lovelace', email: 'ada@northwind.example', jobTitle: 'VP Marketing', company: { name: 'Northwind', country: 'DE' } },
      ...overrides,
    });
  const send = async (...events: LeadQualifiedV1[]): Promise<void> => {
    await producer.send({ topic: LEAD_QUALIFIED_TOPIC, acks: -1, messages: events.map((event) => ({ key: event.leadId, value: JSON.stringify(event) })) });
  };
  const startApp = async (): Promise<void> => {
    app = await createServiceApp(
      NotifierModule.forRoot(config, { ...process.env, TEST_WEBHOOK_SECRET: secret, TEST_SLACK_URL: slack.url, TEST_SMTP_URL: `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}` }),
      { logLevel: 'error', maxBodyBytes: config.API_MAX_BODY_BYTES },
    );
    await app.init();
    await app.get(ConsumerHost).consumer.waitUntilMember(30_000);
  };
  // Every request carries a key with every scope; /metrics is public.
  const http = () => request.agent(app.getHttpServer()).set('authorization', `Bearer ${apiKey}`);
  const alertsOf = async (leadId: string) =>
    (
      (await http().get(`/v1/alerts?leadId=${leadId}`).expect(200)).body as {
        alerts: { alertId: string; channel: string; status: string; ownerId?: string; attempts: { outcome: string; status?: number }[] }[];
      }
    ).alerts;

  beforeAll(async () => {
    apiKey = (await createTestApiKey(process.env['REDIS_URL'] as string, API_SCOPES)).key;
    crm = await WebhookReceiver.start(secret);
    slack = await LocalEndpoint.start((incoming, body) => (incoming.headers['content-type']?.startsWith('application/json') && body.includes('"blocks"') ? 200 : 400));
    hanging = await LocalEndpoint.start(() => 'hang');
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData(stream, _session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          mails.push(Buffer.concat(chunks).toString('utf8'));
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    const routingFile = join(dir, 'routing.yaml');
    writeFileSync(
      routingFile,
      `version: routing-1
channels:
  crm: { type: webhook, url: "${crm.url}", secretEnv: [TEST_WEBHOOK_SECRET], timeoutMs: 2000, maxConcurrency: 4 }
  dead-end: { type: webhook, url: "${hanging.url}", secretEnv: [TEST_WEBHOOK_SECRET], timeoutMs: 6000, maxConcurrency: 1 }
  intranet: { type: webhook, url: "http://10.20.30.40/hook", secretEnv: [TEST_WEBHOOK_SECRET], timeoutMs: 1000, maxConcurrency: 1 }
  sales-slack: { type: slack, urlEnv: TEST_SLACK_URL, linkTemplate: "https://crm.example.com/leads/{leadId}", timeoutMs: 2000, maxConcurrency: 2 }
  sales-email: { type: email, smtpUrlEnv: TEST_SMTP_URL, from: "Baton <alerts@example.com>", to: ["sales@example.com"], toOwner: true, timeoutMs: 3000, maxConcurrency: 2 }
teams:
  emea: { owners: [{ id: sam, name: Sam Carter, email: sam@example.com }, { id: kim, name: Kim Lee, email: kim@example.com }] }
routes:
  - name: slow-and-fast
    when: [{ field: profile.company.country, equals: XX }]
    channels: [dead-end, crm]
  - name: private
    when: [{ field: profile.company.country, equals: PV }]
    channels: [intranet]
  - name: emea-sql
    when: [{ field: stage, equals: sql }, { field: profile.company.country, in: [DE, FR] }]
    team: emea
    channels: [crm, sales-slack, sales-email]
default: { channels: [crm] }
`,
    );
    config = loadConfig(
      NotifierEnv,
      { ...process.env, KAFKA_CONSUMER_GROUP: uniqueId('notifier-test'), NOTIFIER_ROUTING_FILE: routingFile, NOTIFIER_ALLOWED_DESTINATIONS: '127.0.0.1', NOTIFIER_RETRY_BACKOFF_MS: '50' },
      'notifier',
    );
    await startApp();
    producer = new Kafka({ clientId: 'notifier-test', brokers: brokers().split(','), logLevel: logLevel.NOTHING }).producer();
    await producer.connect();
    [sent, deadLetters] = await Promise.all([TopicReader.start(brokers(), ALERTS_SENT_TOPIC), TopicReader.start(brokers(), NOTIFIER_DEAD_LETTER_TOPIC)]);
  });

  afterAll(async () => {
    await Promise.all([sent?.stop(), deadLetters?.stop(), producer?.disconnect()]);
    await app?.close();
    await Promise.all([crm?.stop(), slack?.stop(), hanging?.stop(), new Promise<void>((resolve) => smtp?.close(() => resolve()))]);
  });

  it('should route an SQL to the CRM webhook, Slack and e-mail, with an owner, once each, and announce each', async () => {
    const leadId = uniqueId('lead');
    const event = qualification(leadId);
    await send(event);
    const announced = await sent.waitForKey<AlertSentV1>(leadId, 3, 30_000);
    expect(announced.map((alert) => alert.channel).sort()).toEqual(['crm', 'sales-email', 'sales-slack']);
    expect(new Set(announced.map((alert) => alert.ownerId)).size).toBe(1);
    const [delivery] = crm.deliveriesFor(leadId);
    expect(delivery?.verified).toBe(true);
    expect(JSON.parse(delivery?.body ?? '{}') as unknown).toMatchObject({ type: 'lead.qualified', leadId, stage: 'sql', team: 'emea', owner: { id: announced[0]?.ownerId } });
    expect(slack.bodies.some((body) => body.includes(leadId) || body.includes('Ada Lovelace'))).toBe(true);
    expect(mails.some((mail) => mail.includes(`alert_${event.qualificationId}_sales-email@baton`))).toBe(true);
    const alerts = await alertsOf(leadId);
    expect(alerts.map((alert) => [alert.channel, alert.status, alert.attempts.length])).toEqual(
      expect.arrayContaining([
        ['crm', 'delivered', 1],
        ['sales-slack', 'delivered', 1],
        ['sales-email', 'delivered', 1],
      ]),
    );
    const metrics = (await request(app.getHttpServer()).get('/metrics').expect(200)).text;
    expect(metrics).toMatch(/baton_alert_delivery_attempts_total\{channel="sales-email",outcome="delivered"\} [1-9]/);
    expect(metrics).toMatch(/^baton_alert_deliveries_total\{channel="sales-email",outcome="delivered"\} [1-9]/m);
    expect(metrics).toMatch(/^baton_qualification_to_alert_seconds_count\{channel="sales-email"\} [1-9]/m);
    expect(metrics).toMatch(/^process_cpu_user_seconds_total\{service="notifier"\} /m);
  });

  it('should send one alert per qualification and channel under redelivery and across a restart', async () => {
    const leadId = uniqueId('lead');
    const event = qualification(leadId, { profile: { company: { country: 'US' } } });
    await send(event, event, event);
    await sent.waitForKey(leadId, 1, 30_000);
    await app.close();
    await startApp();
    await send(event);
    const marker = uniqueId('lead');
    await send(qualification(marker, { profile: {} }));
    await sent.waitForKey(marker, 1, 30_000);
    expect(crm.deliveriesFor(leadId)).toHaveLength(1);
    expect(sent.valuesFor(leadId)).toHaveLength(1);
  });

  it('should retry an endpoint that fails and then recovers, and log every attempt', async () => {
    const leadId = uniqueId('lead');
    crm.answerNext(503, 429);
    await send(qualification(leadId, { profile: {} }));
    await sent.waitForKey(leadId, 1, 30_000);
    const [alert] = await alertsOf(leadId);
    expect(alert?.attempts.map((attempt) => attempt.status)).toEqual([503, 429, 204]);
    expect(new Set(crm.deliveriesFor(leadId).map((delivery) => delivery.id)).size).toBe(1);
  });

  it('should dead-letter a terminal 400 with its reason, and deliver it when re-sent', async () => {
    const leadId = uniqueId('lead');
    crm.answerNext(400);
    await send(qualification(leadId, { profile: {} }));
    const [dead] = await waitFor(
      'the dead letter',
      () => {
        const found = deadLetters.messages.filter((message) => message.key === leadId);
        return found.length > 0 ? found : undefined;
      },
      30_000,
    );
    expect(dead?.headers[DEAD_LETTER_HEADERS.reason]).toMatch(/^NOTIFIER.DELIVERY_FAILED: crm refused the alert: HTTP 400/);
    const listed = (await http().get('/v1/alerts/dead-letters').expect(200)).body as { alerts: { alertId: string; leadId: string }[] };
    const entry = listed.alerts.find((alert) => alert.leadId === leadId);
    expect(entry).toBeDefined();
    const typo = await http().post(`/v1/alerts/${entry?.alertId}/resend`).send({ leadId, lead: leadId }).expect(400);
    expect(typo.body.errors).toEqual([{ path: 'lead', message: 'property should not exist' }]);
    await http().post(`/v1/alerts/${entry?.alertId}/resend`).send({ leadId }).expect(202);
    await sent.waitForKey(leadId, 1, 30_000);
    expect((await alertsOf(leadId))[0]?.status).toBe('delivered');
  });

  it('should refuse a private-network destination that is not allowlisted', async () => {
    const leadId = uniqueId('lead');
    await send(qualification(leadId, { profile: { company: { country: 'PV' } } }));
    const [dead] = await waitFor(
      'the refusal',
      () => {
        const found = deadLetters.messages.filter((message) => message.key === leadId);
        return found.length > 0 ? found : undefined;
      },
      30_000,
    );
    expect(dead?.headers[DEAD_LETTER_HEADERS.reason]).toMatch(/intranet refused the alert: .*10\.20\.30\.40.*NOTIFIER_ALLOWED_DESTINATIONS/);
  });

  it('should not let a hanging endpoint delay another endpoint', async () => {
    const leadId = uniqueId('lead');
    const started = Date.now();
    await send(qualification(leadId, { profile: { company: { country: 'XX' } } }));
    await waitFor('the fast endpoint', () => (crm.deliveriesFor(leadId).length > 0 ? true : undefined), 30_000, 20);
    // The dead end times out after 6 s; the CRM got its alert long before (were they in line, it would wait 6 s).
    expect(Date.now() - started).toBeLessThan(4000);
    const alerts = await alertsOf(leadId);
    expect(alerts.find((alert) => alert.channel === 'dead-end')?.status).not.toBe('delivered');
  });
});
