import type { Alert } from '../channel';
import { alertSummary, truncate, type AlertSummary } from './alert-summary';

/** Slack's limits (Block Kit reference). */
const HEADER_MAX = 150;
const SECTION_TEXT_MAX = 3000;
const FIELD_TEXT_MAX = 2000;
const BUTTON_URL_MAX = 3000;
const CONTEXT_TEXT_MAX = 2000;
/** Slack ids of members and workspace users; anything else is shown by name, never put inside `<@…>`. */
const SLACK_USER_ID = /^[UW][A-Z0-9]{2,}$/;

export interface SlackMessage {
  /** Plain fallback: notifications, screen readers, clients without blocks. */
  readonly text: string;
  readonly blocks: unknown[];
}

/** An incoming-webhook Block Kit message for an alert. Pure. */
export function slackMessage(alert: Alert, linkTemplate?: string): SlackMessage {
  const summary = alertSummary(alert, linkTemplate);
  const blocks: unknown[] = [
    // plain_text is not parsed by Slack: no escaping, only the length limit.
    { type: 'header', text: { type: 'plain_text', text: truncate(summary.headline, HEADER_MAX), emoji: false } },
    { type: 'section', fields: fields(summary) },
    section(`*Why now*\n${escapeMrkdwn(summary.whyNow)}`),
  ];
  if (summary.topSignals.length > 0) blocks.push(section(`*Top signals*\n${summary.topSignals.map((signal) => `• ${escapeMrkdwn(signal)}`).join('\n')}`));
  if (summary.journey.length > 0) {
    const steps = summary.journey.map((step) => `• ${step.when} · ${escapeMrkdwn(step.what)}${step.detail === undefined ? '' : `: ${escapeMrkdwn(step.detail)}`}`);
    blocks.push(section(`*Latest journey*\n${steps.join('\n')}`));
  }
  blocks.push({
    type: 'context',
    elements: [{ type: 'mrkdwn', text: truncateEscaped(`Lead \`${escapeMrkdwn(summary.leadId)}\` · qualification \`${escapeMrkdwn(summary.qualificationId)}\``, CONTEXT_TEXT_MAX) }],
  });
  if (summary.link !== undefined && summary.link.length <= BUTTON_URL_MAX) {
    blocks.push({
      type: 'actions',
      elements: [{ type: 'button', text: { type: 'plain_text', text: 'Open lead' }, url: summary.link, style: 'primary' }],
    });
  }
  return { text: truncateEscaped(`${escapeMrkdwn(summary.headline)}: ${escapeMrkdwn(summary.whyNow)}`, SECTION_TEXT_MAX), blocks };
}

/** Slack's three control characters in mrkdwn and `text`; without this a lead's name could ping `<!channel>`. */
export function escapeMrkdwn(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function fields(summary: AlertSummary): unknown[] {
  const owner = summary.owner;
  const entries: [string, string | undefined][] = [
    ['Stage', escapeMrkdwn(summary.stage)],
    ['Grade · score', escapeMrkdwn(summary.gradeAndScore)],
    ['Company', summary.company === undefined ? undefined : escapeMrkdwn(summary.company)],
    ['Title', summary.jobTitle === undefined ? undefined : escapeMrkdwn(summary.jobTitle)],
    ['Owner', owner === undefined ? undefined : owner.slackUserId !== undefined && SLACK_USER_ID.test(owner.slackUserId) ? `<@${owner.slackUserId}>` : escapeMrkdwn(owner.name)],
  ];
  return entries
    .filter((entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== '')
    .map(([label, value]) => ({ type: 'mrkdwn', text: truncateEscaped(`*${label}*\n${value}`, FIELD_TEXT_MAX) }));
}

function section(text: string): unknown {
  return { type: 'section', text: { type: 'mrkdwn', text: truncateEscaped(text, SECTION_TEXT_MAX) } };
}

/** Truncates escaped text without leaving half an entity (`&am…`) behind. */
function truncateEscaped(text: string, max: number): string {
  if (text.length <= max) return text;
  return truncate(text, max).replace(/&[a-z]*…$/, '…');
}
