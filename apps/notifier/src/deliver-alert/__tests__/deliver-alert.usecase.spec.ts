import type { NotifierEnv } from '@baton/config';
import type { LeadQualifiedV1 } from '@baton/contracts';
import { TerminalError } from '@baton/kafka';
import { DeliverAlertUseCase } from '../deliver-alert.usecase';
import type { AttemptResult } from '../delivery-policy';
import type { RedisAlertStore } from '../redis-alert.store';
import type { WebhookSender } from '../webhook.sender';

const qualified: LeadQualifiedV1 = {
  qualificationId: 'qual_1', leadId: 'lead-1', stage: 'mql', previousStage: 'visitor', score: 55, causeEventId: 'evt-1',
  modelVersion: 'v1', qualifiedAt: '2026-11-24T10:00:00Z', reason: { kind: 'score_threshold', threshold: 50, score: 55 },
  rule: 'mql_threshold', engagement: 55, fit: 0, grade: 'D', breakdown: { engagementRules: [{ ruleId: 'page_view', points: 55 }], fitRules: [] },
  topSignals: [{ ruleId: 'page_view', points: 55 }], journey: [{ at: '2026-11-24T09:00:00Z', type: 'page_view', ruleId: 'page_view', points: 5, detail: '/pricing' }],
  profile: { jobTitle: 'CTO' },
};

function setUp(answers: AttemptResult[], delivered = false): { useCase: DeliverAlertUseCase; sent: string[]; marked: string[] } {
  const sent: string[] = [];
  const marked: string[] = [];
  const sender = { send: async (id: string) => (sent.push(id), answers.shift() ?? { kind: 'status', status: 204 }) } as unknown as WebhookSender;
  const store = { wasDelivered: async () => delivered, markDelivered: async (_lead: string, id: string) => void marked.push(id) } as unknown as RedisAlertStore;
  const config = { NOTIFIER_DELIVERY_ATTEMPTS: 3, NOTIFIER_RETRY_BACKOFF_MS: 1 } as NotifierEnv;
  return { useCase: new DeliverAlertUseCase(config, store, sender), sent, marked };
}

describe('DeliverAlertUseCase', () => {
  it('should skip when the alert was delivered before', async () => {
    const { useCase, sent } = setUp([], true);
    expect(await useCase.execute(qualified)).toBe('skipped');
    expect(sent).toEqual([]);
  });

  it('should retry a 503 with the same webhook id and record the delivery when it succeeds', async () => {
    const { useCase, sent, marked } = setUp([{ kind: 'status', status: 503 }, { kind: 'network', reason: 'TimeoutError' }, { kind: 'status', status: 200 }]);
    expect(await useCase.execute(qualified)).toBe('processed');
    expect(sent).toEqual(['alert_qual_1', 'alert_qual_1', 'alert_qual_1']);
    expect(marked).toEqual(['alert_qual_1']);
  });

  it('should give up at once with a terminal error when the receiver answers 400', async () => {
    const { useCase, sent } = setUp([{ kind: 'status', status: 400 }]);
    await expect(useCase.execute(qualified)).rejects.toThrow(TerminalError);
    expect(sent).toHaveLength(1);
  });

  it('should give up with a terminal error when every attempt failed', async () => {
    const { useCase, sent, marked } = setUp([{ kind: 'status', status: 500 }, { kind: 'status', status: 500 }, { kind: 'status', status: 500 }]);
    await expect(useCase.execute(qualified)).rejects.toThrow(/not delivered after 3 attempts, last: HTTP 500/);
    expect(sent).toHaveLength(3);
    expect(marked).toEqual([]);
  });
});
