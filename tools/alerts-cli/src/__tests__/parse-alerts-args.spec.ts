import { DEFAULT_NOTIFIER_URL, parseAlertsArgs } from '../parse-alerts-args';

const KEY = 'baton_0123456789abcdef_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
const WITH_KEY = { BATON_API_KEY: KEY };

describe('parseAlertsArgs', () => {
  it('should take each command, with the default URL and the key from BATON_API_KEY', () => {
    const connection = { url: DEFAULT_NOTIFIER_URL, apiKey: KEY };
    expect(parseAlertsArgs(['dead-letters'], WITH_KEY)).toEqual({ ok: true, args: { command: 'dead-letters', ...connection } });
    expect(parseAlertsArgs(['log', 'ada-1'], WITH_KEY)).toEqual({ ok: true, args: { command: 'log', ...connection, leadId: 'ada-1' } });
    expect(parseAlertsArgs(['resend', 'alert_q_crm', '--lead', 'ada-1'], WITH_KEY)).toEqual({ ok: true, args: { command: 'resend', ...connection, alertId: 'alert_q_crm', leadId: 'ada-1' } });
    expect(parseAlertsArgs(['resend', '--all'], WITH_KEY)).toEqual({ ok: true, args: { command: 'resend-all', ...connection } });
  });

  it('should take options anywhere, --name=value, and --url over NOTIFIER_URL, without its trailing slash', () => {
    const env = { NOTIFIER_URL: 'http://notifier.internal:3003', ...WITH_KEY };
    expect(parseAlertsArgs(['--lead=ada-1', 'resend', '--url', 'https://baton.example/notifier/', 'alert_q_crm'], env)).toEqual({
      ok: true,
      args: { command: 'resend', url: 'https://baton.example/notifier', apiKey: KEY, alertId: 'alert_q_crm', leadId: 'ada-1' },
    });
    expect(parseAlertsArgs(['dead-letters'], env)).toMatchObject({ ok: true, args: { url: 'http://notifier.internal:3003' } });
    expect(parseAlertsArgs(['dead-letters'], { NOTIFIER_URL: '', ...WITH_KEY })).toMatchObject({ ok: true, args: { url: DEFAULT_NOTIFIER_URL } });
  });

  it('should take --api-key over BATON_API_KEY, for every command', () => {
    expect(parseAlertsArgs(['dead-letters', '--api-key', 'baton_other'], WITH_KEY)).toMatchObject({ ok: true, args: { apiKey: 'baton_other' } });
    expect(parseAlertsArgs(['--api-key=baton_other', 'log', 'ada-1'], {})).toMatchObject({ ok: true, args: { command: 'log', apiKey: 'baton_other' } });
    expect(parseAlertsArgs(['resend', '--all', '--api-key', 'baton_other'], {})).toMatchObject({ ok: true, args: { command: 'resend-all', apiKey: 'baton_other' } });
  });

  it('should refuse without a key, naming --api-key and BATON_API_KEY', () => {
    const refusal = { ok: false, help: false, problem: 'an API key is required: pass --api-key KEY or set BATON_API_KEY' };
    expect(parseAlertsArgs(['dead-letters'])).toEqual(refusal);
    expect(parseAlertsArgs(['resend', 'alert_q_crm', '--lead', 'ada-1'], { BATON_API_KEY: '' })).toEqual(refusal);
    expect(parseAlertsArgs(['log', 'ada-1', '--api-key'], WITH_KEY)).toEqual({ ok: false, help: false, problem: '--api-key needs a value' });
  });

  it.each([
    [[], /a command is required/],
    [['dead-letter'], /unknown command dead-letter/],
    [['dead-letters', 'now'], /dead-letters takes no argument/],
    [['dead-letters', '--all'], /dead-letters takes only --url and --api-key/],
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
    expect(parseAlertsArgs(argv, WITH_KEY)).toEqual({ ok: false, help: false, problem: expect.stringMatching(problem) });
  });

  it('should ask for the usage on --help', () => {
    expect(parseAlertsArgs(['resend', '--help'])).toEqual({ ok: false, help: true });
    expect(parseAlertsArgs(['-h'])).toEqual({ ok: false, help: true });
  });
});
