import { DEFAULT_LIFECYCLE_URL, parseFunnelArgs } from '../parse-funnel-args';

const KEY = 'baton_0123456789abcdef_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
const WITH_KEY = { BATON_API_KEY: KEY };

describe('parseFunnelArgs', () => {
  it('should take --from and --to, with the default URL and the key from BATON_API_KEY', () => {
    expect(parseFunnelArgs(['--from', '2026-11-01', '--to', '2026-11-30'], WITH_KEY)).toEqual({ ok: true, args: { from: '2026-11-01', to: '2026-11-30', url: DEFAULT_LIFECYCLE_URL, apiKey: KEY } });
  });

  it('should take --name=value, a single day, and --url over LIFECYCLE_URL, without its trailing slash', () => {
    const env = { LIFECYCLE_URL: 'http://lifecycle.internal:3002', ...WITH_KEY };
    expect(parseFunnelArgs(['--to=2026-11-01', '--from=2026-11-01', '--url', 'https://baton.example/lifecycle/'], env)).toEqual({
      ok: true,
      args: { from: '2026-11-01', to: '2026-11-01', url: 'https://baton.example/lifecycle', apiKey: KEY },
    });
    expect(parseFunnelArgs(['--from', '2026-11-01', '--to', '2026-11-30'], env)).toMatchObject({ ok: true, args: { url: 'http://lifecycle.internal:3002' } });
  });

  it('should take --api-key over BATON_API_KEY', () => {
    expect(parseFunnelArgs(['--from', '2026-11-01', '--to', '2026-11-30', '--api-key', 'baton_other'], WITH_KEY)).toMatchObject({ ok: true, args: { apiKey: 'baton_other' } });
    expect(parseFunnelArgs(['--from', '2026-11-01', '--to', '2026-11-30', '--api-key=baton_other'], {})).toMatchObject({ ok: true, args: { apiKey: 'baton_other' } });
  });

  it('should refuse without a key, naming --api-key and BATON_API_KEY', () => {
    const refusal = { ok: false, help: false, problem: 'an API key is required: pass --api-key KEY or set BATON_API_KEY' };
    expect(parseFunnelArgs(['--from', '2026-11-01', '--to', '2026-11-30'])).toEqual(refusal);
    expect(parseFunnelArgs(['--from', '2026-11-01', '--to', '2026-11-30'], { BATON_API_KEY: '' })).toEqual(refusal);
    expect(parseFunnelArgs(['--from', '2026-11-01', '--to', '2026-11-30', '--api-key'], WITH_KEY)).toEqual({ ok: false, help: false, problem: '--api-key needs a value' });
  });

  it.each([
    [[], /--from and --to are required/],
    [['--from', '2026-11-01'], /--from and --to are required/],
    [['--from', '2026-11-01', '--to'], /--to needs a value/],
    [['--from', '--to', '2026-11-30'], /--from needs a value/],
    [['--from', '1/11/2026', '--to', '2026-11-30'], /--from must be a date, YYYY-MM-DD/],
    [['--from', '2026-11-01', '--to', '2026-11-31'], /--to must be a date, YYYY-MM-DD/],
    [['--from', '2026-11-01', '--to', '2026-11-01T00:00:00Z'], /--to must be a date/],
    [['--from', '2026-11-30', '--to', '2026-11-01'], /must not be before --from/],
    [['--from', '2026-11-01', '--to', '2026-11-30', '--from', '2026-11-02'], /--from given twice/],
    [['--from', '2026-11-01', '--to', '2026-11-30', '--mql-threshold', '50'], /unknown argument --mql-threshold/],
    [['report', '--from', '2026-11-01', '--to', '2026-11-30'], /unknown argument report/],
    [['--from', '2026-11-01', '--to', '2026-11-30', '--url', 'localhost:3002'], /http\(s\) URL/],
  ])('should refuse %j', (argv, problem) => {
    expect(parseFunnelArgs(argv, WITH_KEY)).toEqual({ ok: false, help: false, problem: expect.stringMatching(problem) });
  });

  it('should ask for the usage on --help', () => {
    expect(parseFunnelArgs(['--help'])).toEqual({ ok: false, help: true });
  });
});
