import type { LeadQualifiedV1 } from '@baton/contracts';
import { qualification } from '../../channels/slack/__tests__/alert.fixture';
import { defaultRoutingFromEnv, parseRoutingFile } from '../parse-routing-file';
import { routeFor } from '../route-for';
import { RoutingInvalidError } from '../routing-invalid.error';
import { edit, ENV, NEXT_SECRET, problemsOf, ROUTING_TEXT, SECRET } from './routing-text.fixture';

describe('parseRoutingFile', () => {
  it('should read a valid file, with URLs and secrets from the environment', () => {
    const config = parseRoutingFile(ROUTING_TEXT, ENV, 'routing.yaml');

    expect(config.version).toBe('routing-1');
    expect(config.channels).toEqual([
      { id: 'crm-webhook', type: 'webhook', url: 'https://crm.example.com/hooks/baton', secrets: [SECRET], timeoutMs: 5000, maxConcurrency: 4 },
      { id: 'sales-slack', type: 'slack', url: ENV['SLACK_WEBHOOK_URL'], linkTemplate: 'https://crm.example.com/leads/{leadId}', timeoutMs: 5000, maxConcurrency: 2 },
      {
        id: 'sales-email',
        type: 'email',
        smtpUrl: ENV['NOTIFIER_SMTP_URL'],
        from: 'Baton <alerts@example.com>',
        to: ['sales@example.com'],
        toOwner: true,
        timeoutMs: 10000,
        maxConcurrency: 2,
      },
    ]);
    expect(config.teams['emea']?.owners).toEqual([
      { id: 'sam', name: 'Sam Carter', email: 'sam@example.com', slackUserId: 'U012AB3CD' },
      { id: 'kim', name: 'Kim Lee' },
    ]);
    expect(config.routes[0]).toEqual({
      name: 'emea-sql',
      when: [
        { field: 'stage', op: 'equals', value: 'sql' },
        { field: 'profile.company.country', op: 'in', values: ['DE', 'FR', 'GB'] },
      ],
      team: 'emea',
      channels: ['crm-webhook', 'sales-slack', 'sales-email'],
    });
    expect(config.default).toEqual({ team: 'na', channels: ['crm-webhook'] });
  });

  it('should apply the defaults and take two secrets during a rotation', () => {
    const text = edit(
      'secretEnv: [NOTIFIER_WEBHOOK_SECRET], timeoutMs: 5000, maxConcurrency: 4 }',
      'secretEnv: [NOTIFIER_WEBHOOK_SECRET, NOTIFIER_WEBHOOK_SECRET_NEXT] }',
      edit('to: ["sales@example.com"], toOwner: true, ', ''),
    ).replace('sales-email: { type: email,', 'sales-email: { type: email, toOwner: true,');

    const config = parseRoutingFile(text, { ...ENV, NOTIFIER_WEBHOOK_SECRET_NEXT: NEXT_SECRET }, 'routing.yaml');

    expect(config.channels[0]).toMatchObject({ secrets: [SECRET, NEXT_SECRET], timeoutMs: 5000, maxConcurrency: 4 });
    expect(config.channels[2]).toMatchObject({ to: [], toOwner: true });
  });

  it("should map every condition operator to the scoring model's conditions", () => {
    const text = edit('{ field: grade, in: [A] }', '{ field: grade, in: [A] }, { field: score, min: 100 }, { field: rule, matches: "^sql_" }, { field: profile.company.industry, exists: true }');

    expect(parseRoutingFile(text, ENV, 'routing.yaml').routes[1]?.when).toEqual([
      { field: 'grade', op: 'in', values: ['A'] },
      { field: 'score', op: 'range', min: 100 },
      { field: 'rule', op: 'matches', pattern: '^sql_' },
      { field: 'profile.company.industry', op: 'exists', exists: true },
    ]);
  });

  it('should name a YAML syntax error with its line', () => {
    expect(problemsOf(edit('    team: emea\n', '    team: [emea\n'))).toEqual([
      expect.objectContaining({ path: '', line: expect.any(Number) as number, message: expect.stringMatching(/^YAML syntax/) as string }),
    ]);
  });

  it('should report a channel defined twice (channel ids are unique)', () => {
    const text = edit('teams:', '  crm-webhook: { type: slack, urlEnv: SLACK_WEBHOOK_URL }\nteams:');

    expect(problemsOf(text)).toEqual([{ path: 'channels["crm-webhook"]', line: 6, message: 'duplicate key "crm-webhook": a key may appear only once in a mapping' }]);
  });

  it('should report every schema problem with its path and line', () => {
    const text = edit(
      'version: routing-1\n',
      'version: routing-2\n',
      edit(
        'type: slack, urlEnv',
        'type: sms, urlEnv',
        edit('timeoutMs: 10000', 'timeout: 10000', edit('  crm-webhook: {', '  Crm_Hook: { type: webhook, url: "https://x.example", secretEnv: [lower] }\n  crm-webhook: {')),
      ),
    );

    expect(problemsOf(text)).toEqual([
      { path: 'version', line: 1, message: 'must be routing-1' },
      { path: 'channels.Crm_Hook', line: 3, message: 'must be an id: a lowercase letter, then lowercase letters, digits or "-" (64 characters at most)' },
      { path: 'channels.Crm_Hook.secretEnv[0]', line: 3, message: 'must be the name of an environment variable (upper case letters, digits and _)' },
      { path: 'channels["sales-slack"].type', line: 5, message: 'must be one of webhook, slack, email' },
      { path: 'channels["sales-email"].timeout', line: 6, message: expect.stringMatching(/^unknown key "timeout" \(allowed: .*timeoutMs/) },
    ]);
  });

  it('should report conditions without exactly one operator, unknown fields and bad regular expressions', () => {
    const text = edit('{ field: stage, equals: sql }', '{ field: stage, equals: sql, in: [mql] }', edit('{ field: grade, in: [A] }', '{ field: grde, matches: "(" }, { field: score }'));

    expect(problemsOf(text)).toEqual([
      { path: 'routes[0].when[0]', line: 11, message: 'has 2 operators (equals, in): a condition takes exactly one, so write one condition for each test' },
      { path: 'routes[1].when[0].field', line: 15, message: expect.stringContaining('"grde" is not a field of the LeadQualified event') },
      { path: 'routes[1].when[0].matches', line: 15, message: expect.stringContaining('is not a valid regular expression') },
      { path: 'routes[1].when[1]', line: 15, message: 'needs an operator: one of equals, in, matches, min/max, exists' },
    ]);
  });

  it.each([
    ['a lookaround', '(?<!not_)sql', '(?<! is a lookaround (patterns run on RE2, in linear time: no backreferences or lookarounds)'],
    ['a backreference', '^(\\\\w)\\\\1', '\\1 is a backreference (patterns run on RE2, in linear time: no backreferences or lookarounds)'],
    ['a repetition over 1000', 'a{1001}', 'invalid repetition size: {1001} (patterns run on RE2, in linear time: no backreferences or lookarounds)'],
  ])('should refuse %s in a condition, which JavaScript would run but RE2 does not, saying why', (_, pattern, problem) => {
    const text = edit('{ field: grade, in: [A] }', `{ field: rule, matches: "${pattern}" }`);

    expect(problemsOf(text)).toEqual([{ path: 'routes[1].when[0].matches', line: 15, message: `is not a valid regular expression: ${problem}` }]);
  });

  it('should accept a pattern that backtracks catastrophically in JavaScript, harmless on RE2', () => {
    const config = parseRoutingFile(edit('{ field: grade, in: [A] }', '{ field: profile.company.name, matches: "^(a+)+$" }'), ENV, 'routing.yaml');
    const named = (name: string): LeadQualifiedV1 => ({ ...qualification({ stage: 'mql' }), profile: { company: { name } } });

    expect(config.routes[1]?.when).toEqual([{ field: 'profile.company.name', op: 'matches', pattern: '^(a+)+$' }]);
    expect(routeFor(config, named(`${'a'.repeat(100_000)}!`)).route).toBe('default');
    expect(routeFor(config, named('aaaa')).route).toBe('grade-a');
  });

  it('should report values of the wrong type with their path and line', () => {
    const text = edit('timeoutMs: 5000, maxConcurrency: 4 }', 'timeoutMs: soon, maxConcurrency: 4 }', edit('toOwner: true', 'toOwner: yes please', edit('in: [DE, FR, GB]', 'in: DE')));

    expect(problemsOf(text)).toEqual([
      { path: 'channels["crm-webhook"].timeoutMs', line: 3, message: 'must be an integer' },
      { path: 'channels["sales-email"].toOwner', line: 5, message: 'must be true or false' },
      { path: 'routes[0].when[1].in', line: 11, message: 'must be a list' },
    ]);
  });

  it('should report routes and default naming channels or teams that are not defined', () => {
    const text = edit(
      '    team: na\n',
      '    team: apac\n',
      edit('channels: [crm-webhook, sales-slack]\n', 'channels: [crm-webhook, sales-sms]\n', edit('default: { team: na, channels: [crm-webhook] }', 'default: { team: latam, channels: [fax] }')),
    );

    expect(problemsOf(text)).toEqual([
      { path: 'routes[1].team', line: 16, message: 'names team "apac", which is not defined under teams (defined: emea, na)' },
      { path: 'routes[1].channels[1]', line: 17, message: 'names channel "sales-sms", which is not defined under channels (defined: crm-webhook, sales-slack, sales-email)' },
      { path: 'default.team', line: 18, message: 'names team "latam", which is not defined under teams (defined: emea, na)' },
      { path: 'default.channels[0]', line: 18, message: expect.stringContaining('names channel "fax"') },
    ]);
  });

  it('should report a team without owners, duplicate owner ids and duplicate route names', () => {
    const text = edit(
      '{ id: kim, name: Kim Lee }',
      '{ id: sam, name: Sam Two }',
      edit('na: { owners: [{ id: ana, name: Ana Ruiz }] }', 'na: { owners: [] }', edit('  - name: grade-a', '  - name: emea-sql')),
    );

    expect(problemsOf(text)).toEqual([
      { path: 'teams.emea.owners[1].id', line: 7, message: '"sam" is already an owner of team emea: owner ids must be unique in a team' },
      { path: 'teams.na.owners', line: 8, message: 'must not be empty: list at least one' },
      { path: 'routes[1].name', line: 14, message: '"emea-sql" names an earlier route too: route names must be unique' },
    ]);
  });

  it('should name each missing or malformed environment variable, never its value', () => {
    const problems = problemsOf(ROUTING_TEXT, { NOTIFIER_WEBHOOK_SECRET: 'hunter2', SLACK_WEBHOOK_URL: 'not a url' });

    expect(problems).toEqual([
      { path: 'channels["crm-webhook"].secretEnv[0]', line: 3, message: 'environment variable NOTIFIER_WEBHOOK_SECRET must be "whsec_" followed by base64 of 24 to 64 bytes' },
      { path: 'channels["sales-slack"].urlEnv', line: 4, message: 'environment variable SLACK_WEBHOOK_URL must hold an http(s) URL' },
      { path: 'channels["sales-email"].smtpUrlEnv', line: 5, message: 'environment variable NOTIFIER_SMTP_URL is not set' },
    ]);
    expect(JSON.stringify(problems)).not.toContain('hunter2');
  });

  it('should refuse credentials written inline, and a channel with both or neither of url and urlEnv', () => {
    const text = edit(
      'url: "https://crm.example.com/hooks/baton"',
      'url: "https://user:pw@crm.example.com/hooks/baton", urlEnv: CRM_URL',
      edit('smtpUrlEnv: NOTIFIER_SMTP_URL, ', '', edit('urlEnv: SLACK_WEBHOOK_URL', 'url: "https://hooks.slack.com/services/T0/B0/xyz"')),
    );

    expect(problemsOf(text)).toEqual([
      { path: 'channels["crm-webhook"].url', line: 3, message: 'has both url and urlEnv: give one' },
      { path: 'channels["crm-webhook"].url', line: 3, message: 'must not contain a user name or password: put the URL in an environment variable and name it in urlEnv' },
      { path: 'channels["sales-slack"].url', line: 4, message: expect.stringContaining('is a Slack incoming-webhook URL, which is itself a secret') },
      { path: 'channels["sales-email"]', line: 5, message: 'needs smtpUrlEnv (the environment variable holding the URL) or smtpUrl' },
    ]);
  });

  it('should throw RoutingInvalidError with its code and a message listing each problem', () => {
    const error = (() => {
      try {
        parseRoutingFile('version: routing-1\n', ENV, 'routing.yaml');
      } catch (caught: unknown) {
        return caught;
      }
      return undefined;
    })();

    expect(error).toBeInstanceOf(RoutingInvalidError);
    expect(error).toMatchObject({ code: 'NOTIFIER.ROUTING_INVALID', source: 'routing.yaml' });
    expect((error as RoutingInvalidError).message).toContain('channels (line 1): is required');
    expect(problemsOf('')).toEqual([{ path: '', message: 'is empty: a routing file needs at least version, channels and default' }]);
  });
});

describe('defaultRoutingFromEnv', () => {
  it('should route everything to the one webhook of NOTIFIER_WEBHOOK_URL, with no team', () => {
    expect(defaultRoutingFromEnv({ NOTIFIER_WEBHOOK_URL: 'https://crm.example.com/hook', NOTIFIER_WEBHOOK_SECRET: SECRET, NOTIFIER_WEBHOOK_TIMEOUT_MS: '2500' })).toEqual({
      version: 'env',
      channels: [{ id: 'webhook', type: 'webhook', url: 'https://crm.example.com/hook', secrets: [SECRET], timeoutMs: 2500, maxConcurrency: 4 }],
      teams: {},
      routes: [],
      default: { channels: ['webhook'] },
    });
    expect(defaultRoutingFromEnv({ NOTIFIER_WEBHOOK_URL: 'http://127.0.0.1:9000/hook', NOTIFIER_WEBHOOK_SECRET: SECRET }).channels[0]?.timeoutMs).toBe(5000);
  });

  it('should name the variables missing', () => {
    expect(() => defaultRoutingFromEnv({})).toThrow(/NOTIFIER_WEBHOOK_URL: environment variable NOTIFIER_WEBHOOK_URL is not set[\s\S]*NOTIFIER_WEBHOOK_SECRET/);
  });
});
