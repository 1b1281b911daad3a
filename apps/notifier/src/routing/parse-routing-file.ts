import { conditionFindings as conditionValueFindings, operatorFindings, toCondition, type ConditionFile } from '@baton/condition-file';
import { isRecord, parseYaml, toProblems, type Finding, type PathSegment } from '@baton/yaml-validation';
import type { AlertOwner } from '../channels/channel';
import { DEFAULT_MAX_CONCURRENCY, DEFAULT_TIMEOUT_MS, type ChannelConfig, type Route, type RoutingConfig, type TeamConfig } from './routing-config';
import { RoutingInvalidError } from './routing-invalid.error';
import { schemaFindings } from './routing-schema-findings';

/** Standard Webhooks secret: "whsec_" and the base64 of 24 to 64 random bytes (as NOTIFIER_WEBHOOK_SECRET). */
export const WEBHOOK_SECRET_PATTERN = /^whsec_[A-Za-z0-9+/]{32,88}={0,2}$/;

/** The top-level fields of LeadQualifiedV1, which is what route conditions read. */
const QUALIFIED_FIELDS: readonly string[] = [
  'qualificationId',
  'leadId',
  'stage',
  'previousStage',
  'rule',
  'reason',
  'score',
  'engagement',
  'fit',
  'grade',
  'breakdown',
  'topSignals',
  'journey',
  'profile',
  'causeEventId',
  'modelVersion',
  'qualifiedAt',
];

const LINK_PLACEHOLDERS = new Set(['leadId', 'qualificationId', 'stage']);

// The file's shape once routing.schema.ts has accepted it.
interface ChannelFile {
  readonly type: 'webhook' | 'slack' | 'email';
  readonly url?: string;
  readonly urlEnv?: string;
  readonly secretEnv?: readonly string[];
  readonly smtpUrl?: string;
  readonly smtpUrlEnv?: string;
  readonly from?: string;
  readonly to?: readonly string[];
  readonly toOwner?: boolean;
  readonly linkTemplate?: string;
  readonly timeoutMs?: number;
  readonly maxConcurrency?: number;
}
interface RouteFile {
  readonly name: string;
  readonly when: readonly ConditionFile[];
  readonly team?: string;
  readonly channels: readonly string[];
}
interface RoutingFile {
  readonly version: string;
  readonly channels: Readonly<Record<string, ChannelFile>>;
  readonly teams?: Readonly<Record<string, { readonly owners: readonly AlertOwner[] }>>;
  readonly routes?: readonly RouteFile[];
  readonly default: { readonly team?: string; readonly channels: readonly string[] };
}

/**
 * Reads the routing file (YAML): syntax, then routing.schema.ts, then what a schema cannot check (references
 * to channels and teams, unique owner ids and route names, one operator per condition, regular expressions,
 * link placeholders) and the environment variables it names (set; URLs well-formed; webhook secrets in the
 * Standard Webhooks format, never echoed). Every problem is reported at once, with its path and line, in a
 * RoutingInvalidError; `source` names the file in that message. Pure: the caller reads the file.
 */
export function parseRoutingFile(text: string, env: NodeJS.ProcessEnv, source: string): RoutingConfig {
  // Syntax errors, duplicate keys (a channel or team defined twice) and aliases that cannot be expanded come first.
  const { data, locator, problems } = parseYaml(text);
  if (problems.length > 0) throw new RoutingInvalidError(source, problems);

  const shape = schemaFindings(data);
  // Checks on a mapping that is not one would only repeat the schema's complaint.
  const findings = isRecord(data) ? [...shape, ...semanticFindings(data)] : shape;
  if (findings.length > 0) throw new RoutingInvalidError(source, toProblems(findings, locator));
  // The schema accepted it: it has the file's shape.
  const file = data as unknown as RoutingFile;
  const resolved = resolveChannels(file, env);
  if (resolved.findings.length > 0) throw new RoutingInvalidError(source, toProblems(resolved.findings, locator));
  return toRoutingConfig(file, resolved.channels);
}

/**
 * The routing without a file (NOTIFIER_ROUTING_FILE not set): the one signed webhook of earlier releases,
 * NOTIFIER_WEBHOOK_URL with NOTIFIER_WEBHOOK_SECRET, as the default route and with no team.
 */
export function defaultRoutingFromEnv(env: NodeJS.ProcessEnv): RoutingConfig {
  const findings: Finding[] = [];
  const url = envUrl(env, 'NOTIFIER_WEBHOOK_URL', 'http', ['NOTIFIER_WEBHOOK_URL'], findings);
  const secret = envSecret(env, 'NOTIFIER_WEBHOOK_SECRET', ['NOTIFIER_WEBHOOK_SECRET'], findings);
  const rawTimeout = env['NOTIFIER_WEBHOOK_TIMEOUT_MS'];
  let timeoutMs = DEFAULT_TIMEOUT_MS;
  if (rawTimeout !== undefined && rawTimeout.trim() !== '') {
    timeoutMs = Number(rawTimeout);
    if (!Number.isInteger(timeoutMs) || timeoutMs < 100 || timeoutMs > 120_000) {
      findings.push({ path: ['NOTIFIER_WEBHOOK_TIMEOUT_MS'], message: 'must be an integer between 100 and 120000 (milliseconds)' });
    }
  }
  if (findings.length > 0) {
    throw new RoutingInvalidError(
      'the environment (NOTIFIER_ROUTING_FILE is not set)',
      findings.map((finding) => ({ path: finding.path.join('.'), message: finding.message })),
    );
  }
  return {
    version: 'env',
    channels: [{ id: 'webhook', type: 'webhook', url, secrets: [secret], timeoutMs, maxConcurrency: DEFAULT_MAX_CONCURRENCY }],
    teams: {},
    routes: [],
    default: { channels: ['webhook'] },
  };
}

function semanticFindings(data: Readonly<Record<string, unknown>>): Finding[] {
  const findings: Finding[] = [];
  const channels = isRecord(data['channels']) ? data['channels'] : {};
  const teams = isRecord(data['teams']) ? data['teams'] : {};
  const channelIds = Object.keys(channels);
  const teamIds = Object.keys(teams);

  for (const [id, channel] of Object.entries(channels)) {
    if (!isRecord(channel)) continue;
    const path = ['channels', id];
    const type = channel['type'];
    if (type === 'webhook' || type === 'slack') exactlyOne(channel, 'url', 'urlEnv', path, findings);
    if (type === 'email') {
      exactlyOne(channel, 'smtpUrl', 'smtpUrlEnv', path, findings);
      const to = channel['to'];
      if ((!Array.isArray(to) || to.length === 0) && channel['toOwner'] !== true) {
        findings.push({ path, message: 'has no recipients: list addresses under to, or set toOwner: true' });
      }
    }
    for (const key of ['url', 'smtpUrl'] as const) {
      const inline = channel[key];
      if (typeof inline === 'string') {
        const problem = inlineCredentials(inline, type === 'slack');
        if (problem !== undefined) findings.push({ path: [...path, key], message: `${problem}: put the URL in an environment variable and name it in ${key}Env` });
      }
    }
    const template = channel['linkTemplate'];
    if (typeof template === 'string') {
      for (const [, name] of template.matchAll(/\{([^}]*)\}/g)) {
        if (!LINK_PLACEHOLDERS.has(name ?? '')) {
          findings.push({ path: [...path, 'linkTemplate'], message: `has the unknown placeholder {${name ?? ''}}: use {leadId}, {qualificationId} or {stage}` });
        }
      }
    }
  }

  for (const [id, team] of Object.entries(teams)) {
    const owners = isRecord(team) && Array.isArray(team['owners']) ? (team['owners'] as unknown[]) : [];
    const seen = new Set<string>();
    owners.forEach((owner, index) => {
      const ownerId = isRecord(owner) ? owner['id'] : undefined;
      if (typeof ownerId !== 'string') return;
      if (seen.has(ownerId)) findings.push({ path: ['teams', id, 'owners', index, 'id'], message: `"${ownerId}" is already an owner of team ${id}: owner ids must be unique in a team` });
      seen.add(ownerId);
    });
  }

  const routes = Array.isArray(data['routes']) ? (data['routes'] as unknown[]) : [];
  const names = new Set<string>();
  routes.forEach((route, index) => {
    if (!isRecord(route)) return;
    const path: PathSegment[] = ['routes', index];
    const name = route['name'];
    if (typeof name === 'string') {
      if (names.has(name) || name === 'default')
        findings.push({
          path: [...path, 'name'],
          message: name === 'default' ? '"default" is the name of the default route: choose another' : `"${name}" names an earlier route too: route names must be unique`,
        });
      names.add(name);
    }
    references(route, path, channelIds, teamIds, findings);
    const when = Array.isArray(route['when']) ? (route['when'] as unknown[]) : [];
    when.forEach((condition, at) => {
      if (isRecord(condition)) findings.push(...conditionFindings(condition, [...path, 'when', at]));
    });
  });
  if (isRecord(data['default'])) references(data['default'], ['default'], channelIds, teamIds, findings);
  return findings;
}

function exactlyOne(channel: Readonly<Record<string, unknown>>, inline: string, fromEnv: string, path: readonly PathSegment[], findings: Finding[]): void {
  const has = [inline, fromEnv].filter((key) => channel[key] !== undefined);
  if (has.length === 0) findings.push({ path, message: `needs ${fromEnv} (the environment variable holding the URL) or ${inline}` });
  if (has.length === 2) findings.push({ path: [...path, inline], message: `has both ${inline} and ${fromEnv}: give one` });
}

/** Why an inline URL carries a credential, if it does. */
function inlineCredentials(text: string, slack: boolean): string | undefined {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return undefined; // the schema's pattern or the resolved-URL check says what is wrong
  }
  if (url.username !== '' || url.password !== '') return 'must not contain a user name or password';
  if (slack && url.hostname === 'hooks.slack.com') return 'is a Slack incoming-webhook URL, which is itself a secret';
  return undefined;
}

function references(section: Readonly<Record<string, unknown>>, path: readonly PathSegment[], channelIds: readonly string[], teamIds: readonly string[], findings: Finding[]): void {
  const team = section['team'];
  if (typeof team === 'string' && !teamIds.includes(team)) {
    findings.push({ path: [...path, 'team'], message: `names team "${team}", which is not defined under teams${known(teamIds)}` });
  }
  const channels = Array.isArray(section['channels']) ? (section['channels'] as unknown[]) : [];
  channels.forEach((channel, index) => {
    if (typeof channel === 'string' && !channelIds.includes(channel)) {
      findings.push({ path: [...path, 'channels', index], message: `names channel "${channel}", which is not defined under channels${known(channelIds)}` });
    }
  });
}

function known(ids: readonly string[]): string {
  return ids.length === 0 ? ' (none is)' : ` (defined: ${ids.join(', ')})`;
}

/** The condition language's own checks (one operator, a pattern RE2 compiles, a range that can hold), and the fields routes read. */
function conditionFindings(condition: Readonly<Record<string, unknown>>, path: readonly PathSegment[]): Finding[] {
  const findings: Finding[] = operatorFindings(condition, path);
  const field = condition['field'];
  if (typeof field === 'string') {
    const top = field.split('.')[0] ?? '';
    if (!QUALIFIED_FIELDS.includes(top)) {
      findings.push({ path: [...path, 'field'], message: `"${top}" is not a field of the LeadQualified event (stage, grade, score, rule, profile.company.country, ...)` });
    }
  }
  // The very checks the scoring model's conditions pass: routes match with the same engine (RE2).
  return [...findings, ...conditionValueFindings(condition, path)];
}

interface ResolvedChannels {
  readonly channels: ChannelConfig[];
  readonly findings: Finding[];
}

/** The channels with their URLs and secrets taken from the environment; a variable unset or malformed is a finding. */
function resolveChannels(file: RoutingFile, env: NodeJS.ProcessEnv): ResolvedChannels {
  const findings: Finding[] = [];
  const channels: ChannelConfig[] = [];
  for (const [id, channel] of Object.entries(file.channels)) {
    const path = ['channels', id];
    const timing = { timeoutMs: channel.timeoutMs ?? DEFAULT_TIMEOUT_MS, maxConcurrency: channel.maxConcurrency ?? DEFAULT_MAX_CONCURRENCY };
    const link = channel.linkTemplate === undefined ? {} : { linkTemplate: channel.linkTemplate };
    switch (channel.type) {
      case 'webhook': {
        const url = channel.url ?? envUrl(env, channel.urlEnv ?? '', 'http', [...path, 'urlEnv'], findings);
        const secrets = (channel.secretEnv ?? []).map((name, index) => envSecret(env, name, [...path, 'secretEnv', index], findings));
        channels.push({ id, type: 'webhook', url, secrets, ...timing });
        break;
      }
      case 'slack': {
        const url = channel.url ?? envUrl(env, channel.urlEnv ?? '', 'http', [...path, 'urlEnv'], findings);
        channels.push({ id, type: 'slack', url, ...link, ...timing });
        break;
      }
      case 'email': {
        const smtpUrl = channel.smtpUrl ?? envUrl(env, channel.smtpUrlEnv ?? '', 'smtp', [...path, 'smtpUrlEnv'], findings);
        channels.push({ id, type: 'email', smtpUrl, from: channel.from ?? '', to: [...(channel.to ?? [])], toOwner: channel.toOwner ?? false, ...link, ...timing });
        break;
      }
    }
  }
  return { channels, findings };
}

function envValue(env: NodeJS.ProcessEnv, name: string, path: readonly PathSegment[], findings: Finding[]): string | undefined {
  const value = env[name];
  if (value === undefined || value.trim() === '') {
    findings.push({ path, message: `environment variable ${name} is not set` });
    return undefined;
  }
  return value.trim();
}

/** A URL from the environment; its value is never echoed (it may hold a token or a password). */
function envUrl(env: NodeJS.ProcessEnv, name: string, kind: 'http' | 'smtp', path: readonly PathSegment[], findings: Finding[]): string {
  const value = envValue(env, name, path, findings);
  if (value === undefined) return '';
  const protocols = kind === 'http' ? ['http:', 'https:'] : ['smtp:', 'smtps:'];
  let protocol: string | undefined;
  try {
    protocol = new URL(value).protocol;
  } catch {
    protocol = undefined;
  }
  if (protocol === undefined || !protocols.includes(protocol)) {
    findings.push({ path, message: `environment variable ${name} must hold ${kind === 'http' ? 'an http(s)' : 'an smtp:// or smtps://'} URL` });
  }
  return value;
}

function envSecret(env: NodeJS.ProcessEnv, name: string, path: readonly PathSegment[], findings: Finding[]): string {
  const value = envValue(env, name, path, findings);
  if (value === undefined) return '';
  if (!WEBHOOK_SECRET_PATTERN.test(value)) findings.push({ path, message: `environment variable ${name} must be "whsec_" followed by base64 of 24 to 64 bytes` });
  return value;
}

function toRoutingConfig(file: RoutingFile, channels: readonly ChannelConfig[]): RoutingConfig {
  const teams: Record<string, TeamConfig> = Object.fromEntries(Object.entries(file.teams ?? {}).map(([id, team]) => [id, { owners: team.owners.map((owner) => ({ ...owner })) }]));
  const routes: Route[] = (file.routes ?? []).map((route) => ({
    name: route.name,
    when: route.when.map(toCondition),
    ...(route.team === undefined ? {} : { team: route.team }),
    channels: [...route.channels],
  }));
  return {
    version: file.version,
    channels,
    teams,
    routes,
    default: { ...(file.default.team === undefined ? {} : { team: file.default.team }), channels: [...file.default.channels] },
  };
}
