import type { AlertView } from '../notifier-client';

/** A CRM webhook that refused an alert for good (400), as GET /v1/alerts/dead-letters lists it. */
export const DEAD_WEBHOOK: AlertView = {
  alertId: 'alert_qual_3f9a_crm',
  qualificationId: 'qual_3f9a',
  leadId: 'ada-1',
  stage: 'sql',
  channel: 'crm',
  team: 'emea',
  ownerId: 'sam',
  status: 'dead',
  createdAt: '2026-11-24T10:00:01.204Z',
  lastResult: 'crm refused the alert: HTTP 400',
  attempts: [{ at: '2026-11-24T10:00:01.390Z', outcome: 'reject', status: 400, latencyMs: 183 }],
};

/** A Slack channel that kept failing until the retry period ended. */
export const DEAD_SLACK: AlertView = {
  alertId: 'alert_qual_77b1_sales-slack',
  qualificationId: 'qual_77b1',
  leadId: 'grace-7',
  stage: 'mql',
  channel: 'sales-slack',
  status: 'dead',
  createdAt: '2026-11-25T08:30:00.000Z',
  lastResult: 'not delivered within the retry period after 3 attempts, last: HTTP 503',
  attempts: [
    { at: '2026-11-25T08:30:00.120Z', outcome: 'retry', status: 503, latencyMs: 95 },
    { at: '2026-11-25T08:30:01.300Z', outcome: 'retry', latencyMs: 5002, reason: 'timeout after 5000 ms' },
    { at: '2026-11-25T08:30:03.500Z', outcome: 'retry', status: 503, latencyMs: 88 },
  ],
};

/** A lead's log: the webhook retried once and delivered; the e-mail not tried yet. */
export const LEAD_LOG: readonly AlertView[] = [
  {
    alertId: 'alert_qual_3f9a_crm',
    qualificationId: 'qual_3f9a',
    leadId: 'ada-1',
    stage: 'sql',
    channel: 'crm',
    team: 'emea',
    ownerId: 'sam',
    status: 'delivered',
    createdAt: '2026-11-24T10:00:01.204Z',
    deliveredAt: '2026-11-24T10:00:02.010Z',
    lastResult: 'HTTP 204',
    attempts: [
      { at: '2026-11-24T10:00:01.390Z', outcome: 'retry', status: 429, latencyMs: 183 },
      { at: '2026-11-24T10:00:02.010Z', outcome: 'delivered', status: 204, latencyMs: 41 },
    ],
  },
  {
    alertId: 'alert_qual_3f9a_sales-email',
    qualificationId: 'qual_3f9a',
    leadId: 'ada-1',
    stage: 'sql',
    channel: 'sales-email',
    team: 'emea',
    ownerId: 'sam',
    status: 'pending',
    createdAt: '2026-11-24T10:00:01.204Z',
    attempts: [],
  },
];

/** An alert restored by `notifier:rebuild` from baton.alerts-sent.v1: delivered, without stage or attempt log. */
export const RESTORED_WEBHOOK: AlertView = {
  alertId: 'alert_qual_3f9a_crm',
  qualificationId: 'qual_3f9a',
  leadId: 'ada-1',
  channel: 'crm',
  team: 'emea',
  ownerId: 'sam',
  status: 'delivered',
  createdAt: '2026-11-24T10:00:02.010Z',
  deliveredAt: '2026-11-24T10:00:02.010Z',
  attempts: [],
  restored: { at: '2026-12-01T08:00:00.000Z', attempts: 2 },
};
