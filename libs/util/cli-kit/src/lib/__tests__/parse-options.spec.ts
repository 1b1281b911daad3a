import { apiKeyOption, parseOptions, refuseArgs, serviceBaseUrl } from '../parse-options';

describe('parseOptions', () => {
  it('should take --name value and --name=value, flags, and positional arguments in order', () => {
    expect(parseOptions(['resend', '--lead=ada-1', 'alert_1', '--url', 'http://x', '--all'], { values: ['url', 'lead'], flags: ['all'], positionals: true })).toEqual({
      ok: true,
      options: { values: { lead: 'ada-1', url: 'http://x' }, flags: { all: true }, positional: ['resend', 'alert_1'] },
    });
  });

  it.each([
    [['report'], { values: ['from'] }, 'unknown argument report'],
    [['-v'], { values: ['from'], positionals: true }, 'unknown argument -v'],
    [['--verbose'], { values: ['from'] }, 'unknown argument --verbose'],
    [['--from', 'a', '--from=b'], { values: ['from'] }, '--from given twice'],
    [['--from'], { values: ['from'] }, '--from needs a value'],
    [['--from='], { values: ['from'] }, '--from needs a value'],
    [['--from', ' '], { values: ['from'] }, '--from needs a value'],
    [['--from', '--to', 'b'], { values: ['from', 'to'] }, '--from needs a value'],
    [['--all=yes'], { values: [], flags: ['all'] }, '--all takes no value'],
    [['--all', '--all'], { values: [], flags: ['all'] }, '--all given twice'],
  ] as const)('should refuse %j', (argv, spec, problem) => {
    expect(parseOptions(argv, spec)).toEqual({ ok: false, help: false, problem });
  });

  it('should take a value that starts with -- when given as --name=value', () => {
    expect(parseOptions(['--note=--x'], { values: ['note'] })).toMatchObject({ ok: true, options: { values: { note: '--x' } } });
  });

  it('should ask for the usage on --help or -h', () => {
    expect(parseOptions(['log', '--help'], { values: [], positionals: true })).toEqual({ ok: false, help: true });
    expect(parseOptions(['-h'], { values: [] })).toEqual({ ok: false, help: true });
  });

  it('should build a refusal', () => {
    expect(refuseArgs('no')).toEqual({ ok: false, help: false, problem: 'no' });
  });
});

describe('serviceBaseUrl', () => {
  it('should take the option, else the environment variable when not empty, else the default, without trailing slashes', () => {
    expect(serviceBaseUrl('https://a.example/x//', { X_URL: 'http://b' }, 'X_URL', 'http://c', 'the x')).toEqual({ ok: true, url: 'https://a.example/x' });
    expect(serviceBaseUrl(undefined, { X_URL: 'http://b' }, 'X_URL', 'http://c', 'the x')).toEqual({ ok: true, url: 'http://b' });
    expect(serviceBaseUrl(undefined, { X_URL: '' }, 'X_URL', 'http://c', 'the x')).toEqual({ ok: true, url: 'http://c' });
  });

  it('should refuse a URL that is not http(s)', () => {
    expect(serviceBaseUrl('localhost:3002', {}, 'X_URL', 'http://c', 'the x')).toEqual({ ok: false, help: false, problem: 'the x URL must be an http(s) URL (got localhost:3002)' });
    expect(serviceBaseUrl('ftp://host', {}, 'X_URL', 'http://c', 'the x')).toMatchObject({ ok: false, problem: expect.stringMatching(/http\(s\) URL/) });
  });
});

describe('apiKeyOption', () => {
  it('should take the option, else the environment variable when not empty', () => {
    expect(apiKeyOption('baton_a_b', { X_KEY: 'baton_c_d' }, 'X_KEY')).toEqual({ ok: true, apiKey: 'baton_a_b' });
    expect(apiKeyOption(undefined, { X_KEY: ' baton_c_d ' }, 'X_KEY')).toEqual({ ok: true, apiKey: 'baton_c_d' });
  });

  it('should refuse when neither is set, naming both', () => {
    const problem = 'an API key is required: pass --api-key KEY or set X_KEY';
    expect(apiKeyOption(undefined, {}, 'X_KEY')).toEqual({ ok: false, help: false, problem });
    expect(apiKeyOption(undefined, { X_KEY: '' }, 'X_KEY')).toEqual({ ok: false, help: false, problem });
    expect(apiKeyOption(undefined, { X_KEY: '  ' }, 'X_KEY')).toEqual({ ok: false, help: false, problem });
  });

  it('should refuse a key that cannot go in a header', () => {
    expect(apiKeyOption('baton key', {}, 'X_KEY')).toEqual({ ok: false, help: false, problem: 'the API key (from --api-key) must be printable ASCII without spaces' });
    expect(apiKeyOption(undefined, { X_KEY: 'baton_é' }, 'X_KEY')).toMatchObject({ ok: false, problem: expect.stringMatching(/^the API key \(from X_KEY\)/) });
  });
});
