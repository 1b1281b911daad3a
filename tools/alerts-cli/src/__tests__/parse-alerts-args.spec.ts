import { DEFAULT_NOTIFIER_URL, parseAlertsArgs } from '../parse-alerts-args';

describe('parseAlertsArgs', () => {
  it('should take each command, with the default URL', () => {
    expect(parseAlertsArgs(['dead-letters'])).toEqual({ ok: true, args: { command: 'dead-letters', url: DEFAULT_NOTIFIER_URL } });
    expect(parseAlertsArgs(['log', 'ada-1'])).toEqual({ ok: true, args: { command: 'log', url: DEFAULT_NOTIFIER_URL, leadId: 'ada-1' } });
    expect(parseAlertsArgs(['resend', 'alert_q_crm', '--lead', 'ada-1'])).toEqual({ ok: true, args: { command: 'resend', url: DEFAULT_NOTIFIER_URL, alertId: 'alert_q_crm', leadId: 'ada-1' } });
    expect(parseAlertsArgs(['resend', '--all'])).toEqual({ ok: true, args: { command: 'resend-all', url: DEFAULT_NOTIFIER_URL } });
  });

  it('should take options anywhere, --name=value, and --url over NOTIFIER_URL, without its trailing slash', () => {
    const env = { NOTIFIER_URL: 'http://notifier.internal:3003' };
    expect(parseAlertsArgs(['--lead=ada-1', 'resend', '--url', 'https://baton.example/notifier/', 'alert_q_crm'], env)).toEqual({
      ok: true,
      args: { command: 'resend', url: 'https://baton.example/notifier', alertId: 'alert_q_crm', leadId: 'ada-1' },
    });
    expect(parseAlertsArgs(['dead-letters'], env)).toMatchObject({ ok: true, args: { url: 'http://notifier.internal:3003' } });
    expect(parseAlertsArgs(['dead-letters'], { NOTIFIER_URL: '' })).toMatchObject({ ok: true, args: { url: DEFAULT_NOTIFIER_URL } });
  });

  it.each([
    [[], /a command is required/],
    [['dead-letter'], /unknown command dead-letter/],
    [['dead-letters', 'now'], /dead-letters takes no argument/],
    [['dead-letters', '--all'], /dead-letters takes only --url/],
    [['log'], /log needs a lead id/],
    [['log', 'ada-1', 'grace-7'], /log takes one lead id/],
    [['log', '--lead', 'ada-1'], /log needs a lead id/],
    [['resend'], /resend needs an alert id and its lead/],
    [['resend', 'alert_q_crm'], /needs --lead <leadId>/],
    [['resend', 'alert_q_crm', '--lead'], /--lead needs a value/],
    [['resend', 'alert_q_crm', '--lead', '--url', 'http://x'], /--lead needs a value/],
    [['resend', 'alert_q_crm', '--lead', 'a', '--lead', 'b'], /--lead given twice/],
    [['resend', '--all', 'alert_q_crm'], /resend --all takes no alert id/],
    [['resend', '--all', '--lead', 'ada-1'], /resend --all takes no alert id and no --lead/],
    [['resend', '--all=yes'], /--all takes no value/],
    [['dead-letters', '--verbose'], /unknown argument --verbose/],
    [['dead-letters', '-v'], /unknown argument -v/],
    [['dead-letters', '--url', 'localhost:3003'], /http\(s\) URL/],
  ])('should refuse %j', (argv, problem) => {
    expect(parseAlertsArgs(argv)).toEqual({ ok: false, help: false, problem: expect.stringMatching(problem) });
  });

  it('should ask for the usage on --help', () => {
    expect(parseAlertsArgs(['resend', '--help'])).toEqual({ ok: false, help: true });
    expect(parseAlertsArgs(['-h'])).toEqual({ ok: false, help: true });
  });
});
