import { parseRoutingFile } from '../parse-routing-file';
import { RoutingInvalidError, type RoutingProblem } from '../routing-invalid.error';

export const SECRET = `whsec_${'A'.repeat(32)}`;
export const NEXT_SECRET = `whsec_${'B'.repeat(43)}=`;

export const ENV: NodeJS.ProcessEnv = {
  NOTIFIER_WEBHOOK_SECRET: SECRET,
  SLACK_WEBHOOK_URL: 'https://hooks.slack.com/services/T000/B000/XXXX',
  NOTIFIER_SMTP_URL: 'smtps://alerts:pa55@smtp.example.com:465',
};

/** The brief's example file; line numbers in the tests refer to it. */
export const ROUTING_TEXT = `version: routing-1
channels:
  crm-webhook: { type: webhook, url: "https://crm.example.com/hooks/baton", secretEnv: [NOTIFIER_WEBHOOK_SECRET], timeoutMs: 5000, maxConcurrency: 4 }
  sales-slack: { type: slack, urlEnv: SLACK_WEBHOOK_URL, linkTemplate: "https://crm.example.com/leads/{leadId}", timeoutMs: 5000, maxConcurrency: 2 }
  sales-email: { type: email, smtpUrlEnv: NOTIFIER_SMTP_URL, from: "Baton <alerts@example.com>", to: ["sales@example.com"], toOwner: true, timeoutMs: 10000, maxConcurrency: 2 }
teams:
  emea: { owners: [{ id: sam, name: Sam Carter, email: sam@example.com, slackUserId: U012AB3CD }, { id: kim, name: Kim Lee }] }
  na: { owners: [{ id: ana, name: Ana Ruiz }] }
routes:                       # first match wins
  - name: emea-sql
    when: [{ field: stage, equals: sql }, { field: profile.company.country, in: [DE, FR, GB] }]
    team: emea
    channels: [crm-webhook, sales-slack, sales-email]
  - name: grade-a
    when: [{ field: grade, in: [A] }]
    team: na
    channels: [crm-webhook, sales-slack]
default: { team: na, channels: [crm-webhook] }
`;

/** The text with one exact snippet replaced (which must occur). */
export function edit(from: string, to: string, text = ROUTING_TEXT): string {
  if (!text.includes(from)) throw new Error(`fixture does not contain ${JSON.stringify(from)}`);
  return text.replace(from, to);
}

export function problemsOf(text: string, env: NodeJS.ProcessEnv = ENV): readonly RoutingProblem[] {
  try {
    parseRoutingFile(text, env, 'routing.yaml');
  } catch (error: unknown) {
    if (error instanceof RoutingInvalidError) return error.problems;
    throw error;
  }
  throw new Error('expected the routing to be invalid, but it parsed');
}
