import { formatDeadLetters, formatDeliveryLog } from '../format-alerts';
import { DEAD_SLACK, DEAD_WEBHOOK, LEAD_LOG, RESTORED_WEBHOOK } from './alerts.fixture';

describe('formatDeadLetters', () => {
  it('should print one row per dead letter: alert, lead, channel, attempts, last result, created', () => {
    expect(formatDeadLetters([DEAD_WEBHOOK, DEAD_SLACK]).split('\n')).toEqual([
      'Alert                        Lead     Channel      Attempts  Last result                                                             Created',
      '---------------------------  -------  -----------  --------  ----------------------------------------------------------------------  ------------------------',
      'alert_qual_3f9a_crm          ada-1    crm                 1  crm refused the alert: HTTP 400                                         2026-11-24T10:00:01.204Z',
      'alert_qual_77b1_sales-slack  grace-7  sales-slack         3  not delivered within the retry period after 3 attempts, last: HTTP 503  2026-11-25T08:30:00.000Z',
      '',
      '2 dead-lettered alerts; re-send one with: npm run alerts -- resend <alertId> --lead <leadId> (or resend --all)',
      '',
    ]);
  });

  it('should say when there is none', () => {
    expect(formatDeadLetters([])).toBe('No dead-lettered alerts.\n');
  });
});

describe('formatDeliveryLog', () => {
  it('should print each alert and its attempts: time, outcome, status, latency', () => {
    expect(formatDeliveryLog('ada-1', LEAD_LOG).split('\n')).toEqual([
      'Delivery log of lead ada-1: 2 alerts',
      '',
      'alert_qual_3f9a_crm',
      '  channel crm · stage sql · team emea · owner sam',
      '  status delivered · created 2026-11-24T10:00:01.204Z · delivered 2026-11-24T10:00:02.010Z',
      '  last result: HTTP 204',
      '  #  Time                      Outcome    Status  Latency',
      '  -  ------------------------  ---------  ------  -------',
      '  1  2026-11-24T10:00:01.390Z  retry         429   183 ms',
      '  2  2026-11-24T10:00:02.010Z  delivered     204    41 ms',
      '',
      'alert_qual_3f9a_sales-email',
      '  channel sales-email · stage sql · team emea · owner sam',
      '  status pending · created 2026-11-24T10:00:01.204Z',
      '  (no attempt yet)',
      '',
    ]);
  });

  it('should show why an attempt got no answer, and no team or owner when the route had none', () => {
    const lines = formatDeliveryLog('grace-7', [DEAD_SLACK]).split('\n');
    expect(lines).toEqual(
      expect.arrayContaining([
        'Delivery log of lead grace-7: 1 alert',
        '  channel sales-slack · stage mql',
        '  #  Time                      Outcome  Status  Latency  Detail',
        '  2  2026-11-25T08:30:01.300Z  retry         -  5002 ms  timeout after 5000 ms',
        '  3  2026-11-25T08:30:03.500Z  retry       503    88 ms',
      ]),
    );
  });

  it('should show a restored alert as delivered, without the stage and attempt log it lost', () => {
    expect(formatDeliveryLog('ada-1', [RESTORED_WEBHOOK]).split('\n')).toEqual([
      'Delivery log of lead ada-1: 1 alert',
      '',
      'alert_qual_3f9a_crm',
      '  channel crm · team emea · owner sam',
      '  status delivered · delivered 2026-11-24T10:00:02.010Z · restored 2026-12-01T08:00:00.000Z',
      '  (restored from baton.alerts-sent.v1 after Redis was lost: delivered in 2 attempts, the attempt log was not kept)',
      '',
    ]);
  });

  it('should say when the lead has no alerts', () => {
    expect(formatDeliveryLog('nobody', [])).toBe('No alerts for lead nobody.\n');
  });
});
