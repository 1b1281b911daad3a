import { randomBytes } from 'node:crypto';
import type { LeadQualifiedV1 } from '@baton/contracts';
import { verifyWebhook } from '@baton/webhook-signature';
import { Webhook } from 'standardwebhooks';
import type { Alert, AttemptResult, HttpPoster, HttpPostOptions } from '../../channel';
import { SafeHttpClient } from '../../safe-http/safe-http.client';
import { startServer } from '../../safe-http/__tests__/local-server';
import { WebhookChannel, type WebhookChannelConfig } from '../webhook.channel';

const newSecret = (): string => `whsec_${randomBytes(32).toString('base64')}`;

const QUALIFICATION: LeadQualifiedV1 = {
  qualificationId: 'q-1',
  leadId: 'lead-42',
  stage: 'sql',
  previousStage: 'mql',
  rule: 'sql_fast_track',
  reason: { kind: 'fast_track', action: 'demo_requested' },
  score: 140,
  engagement: 70,
  fit: 70,
  grade: 'A',
  breakdown: { engagementRules: [{ ruleId: 'demo_requested', points: 40 }], fitRules: [{ ruleId: 'title_cxo', points: 30 }] },
  topSignals: [{ ruleId: 'demo_requested', points: 40 }],
  journey: [{ at: '2024-05-01T09:05:00.000Z', type: 'demo_requested', ruleId: 'demo_requested', points: 40 }],
  profile: { name: 'Ada Lovelace', jobTitle: 'CTO', company: { name: 'Northwind' } },
  causeEventId: 'evt-9',
  modelVersion: 'v1',
  qualifiedAt: '2024-05-01T09:05:01.000Z',
};

const ALERT: Alert = {
  alertId: 'alert_q-1_hooks',
  channelId: 'hooks',
  qualification: QUALIFICATION,
  team: 'emea',
  owner: { id: 'o-1', name: 'Grace Hopper', email: 'grace@baton.example', slackUserId: 'U123ABC' },
};

interface Posted {
  readonly url: string;
  readonly body: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly options: HttpPostOptions;
}

class RecordingPoster implements HttpPoster {
  readonly posted: Posted[] = [];
  constructor(private readonly result: AttemptResult = { kind: 'status', status: 204 }) {}
  async post(url: string, body: string, headers: Readonly<Record<string, string>>, options: HttpPostOptions): Promise<AttemptResult> {
    this.posted.push({ url, body, headers, options });
    return this.result;
  }
}

function channel(config: Partial<WebhookChannelConfig> = {}, poster: HttpPoster = new RecordingPoster()): WebhookChannel {
  return new WebhookChannel({ id: 'hooks', url: 'https://receiver.example/baton?token=t', secrets: [newSecret()], timeoutMs: 5_000, maxConcurrency: 4, ...config }, poster);
}

describe('WebhookChannel', () => {
  it('should describe itself', () => {
    const hooks = channel({ maxConcurrency: 3 });
    expect([hooks.id, hooks.type, hooks.maxConcurrency]).toEqual(['hooks', 'webhook', 3]);
  });

  it('should post the body to the configured URL with the timeout and return the poster result as is', async () => {
    const poster = new RecordingPoster({ kind: 'status', status: 429, retryAfterMs: 3_000 });
    expect(await channel({ timeoutMs: 1_234 }, poster).send(ALERT)).toEqual({ kind: 'status', status: 429, retryAfterMs: 3_000 });
    expect(poster.posted).toHaveLength(1);
    expect(poster.posted[0]).toMatchObject({ url: 'https://receiver.example/baton?token=t', options: { timeoutMs: 1_234 } });
    expect(poster.posted[0]?.headers['content-type']).toBe('application/json');
  });

  it('should send the lead.qualified body with channel, team, owner without e-mail, and every qualification field', async () => {
    const poster = new RecordingPoster();
    await channel({}, poster).send(ALERT);
    const body: unknown = JSON.parse(poster.posted[0]?.body ?? '');
    expect(body).toEqual({ type: 'lead.qualified', alertId: 'alert_q-1_hooks', channel: 'hooks', team: 'emea', owner: { id: 'o-1', name: 'Grace Hopper' }, ...QUALIFICATION });
    expect(poster.posted[0]?.body).not.toContain('grace@baton.example');
    expect(poster.posted[0]?.body).not.toContain('U123ABC');
  });

  it('should leave out team and owner when the alert has none', async () => {
    const poster = new RecordingPoster();
    await channel({}, poster).send({ alertId: 'a-2', channelId: 'hooks', qualification: QUALIFICATION });
    const body = JSON.parse(poster.posted[0]?.body ?? '') as Record<string, unknown>;
    expect(Object.keys(body)).not.toContain('team');
    expect(Object.keys(body)).not.toContain('owner');
    expect(body['channel']).toBe('hooks');
  });

  it('should keep webhook-id = alertId across two sends and sign each attempt with a fresh timestamp', async () => {
    jest.useFakeTimers({ now: new Date('2026-03-01T10:00:00Z'), doNotFake: ['setImmediate', 'nextTick', 'queueMicrotask'] });
    try {
      const secret = newSecret();
      const poster = new RecordingPoster();
      const hooks = channel({ secrets: [secret] }, poster);
      await hooks.send(ALERT);
      jest.setSystemTime(new Date('2026-03-01T10:00:42Z'));
      await hooks.send(ALERT);
      const [first, second] = poster.posted;
      expect(first?.headers['webhook-id']).toBe('alert_q-1_hooks');
      expect(second?.headers['webhook-id']).toBe('alert_q-1_hooks');
      expect(first?.body).toBe(second?.body);
      expect(Number(second?.headers['webhook-timestamp']) - Number(first?.headers['webhook-timestamp'])).toBe(42);
      expect(first?.headers['webhook-signature']).not.toBe(second?.headers['webhook-signature']);
    } finally {
      jest.useRealTimers();
    }
  });

  it('should refuse a configuration without secrets or with more than two', () => {
    expect(() => channel({ secrets: [] })).toThrow('1 or 2 signing secrets');
    expect(() => channel({ secrets: [newSecret(), newSecret(), newSecret()] })).toThrow('1 or 2 signing secrets');
    expect(() => channel({ secrets: ['whsec_'] })).toThrow('empty signing secret');
  });
});

describe('WebhookChannel through SafeHttpClient to a real receiver', () => {
  it('should deliver a signature that the standardwebhooks package verifies with each of the two rotation secrets', async () => {
    const oldSecret = newSecret();
    const newOne = newSecret();
    const receiver = await startServer((_, res) => res.writeHead(204).end());
    try {
      const hooks = new WebhookChannel(
        { id: 'hooks', url: `${receiver.url}/baton`, secrets: [oldSecret, newOne], timeoutMs: 2_000, maxConcurrency: 1 },
        new SafeHttpClient({ allow: ['127.0.0.1/32'] }),
      );
      expect(await hooks.send(ALERT)).toEqual({ kind: 'status', status: 204 });
      expect(await hooks.send(ALERT)).toEqual({ kind: 'status', status: 204 });
      expect(receiver.requests).toHaveLength(2);
      for (const request of receiver.requests) {
        const headers = {
          'webhook-id': String(request.headers['webhook-id']),
          'webhook-timestamp': String(request.headers['webhook-timestamp']),
          'webhook-signature': String(request.headers['webhook-signature']),
        };
        expect(headers['webhook-signature'].split(' ')).toHaveLength(2);
        expect(headers['webhook-id']).toBe('alert_q-1_hooks');
        for (const secret of [oldSecret, newOne]) {
          expect(new Webhook(secret).verify(request.body, headers)).toMatchObject({ type: 'lead.qualified', alertId: 'alert_q-1_hooks', leadId: 'lead-42' });
          expect(verifyWebhook(secret, headers, request.body)).toEqual({ ok: true });
        }
        expect(() => new Webhook(newSecret()).verify(request.body, headers)).toThrow();
      }
    } finally {
      await receiver.close();
    }
  });
});
