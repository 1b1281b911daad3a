import { DEFAULT_LIFECYCLE_URL, parseFunnelArgs } from '../parse-funnel-args';

describe('parseFunnelArgs', () => {
  it('should take --from and --to, with the default URL', () => {
    expect(parseFunnelArgs(['--from', '2026-11-01', '--to', '2026-11-30'])).toEqual({ ok: true, args: { from: '2026-11-01', to: '2026-11-30', url: DEFAULT_LIFECYCLE_URL } });
  });

  it('should take --name=value, a single day, and --url over LIFECYCLE_URL, without its trailing slash', () => {
    const env = { LIFECYCLE_URL: 'http://lifecycle.internal:3002' };
    expect(parseFunnelArgs(['--to=2026-11-01', '--from=2026-11-01', '--url', 'https://baton.example/lifecycle/'], env)).toEqual({
      ok: true,
      args: { from: '2026-11-01', to: '2026-11-01', url: 'https://baton.example/lifecycle' },
    });
    expect(parseFunnelArgs(['--from', '2026-11-01', '--to', '2026-11-30'], env)).toMatchObject({ ok: true, args: { url: 'http://lifecycle.internal:3002' } });
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
    expect(parseFunnelArgs(argv)).toEqual({ ok: false, help: false, problem: expect.stringMatching(problem) });
  });

  it('should ask for the usage on --help', () => {
    expect(parseFunnelArgs(['--help'])).toEqual({ ok: false, help: true });
  });
});
