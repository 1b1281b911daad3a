import type { Alert } from '../channel';
import { alertSummary, type AlertSummary } from '../slack/alert-summary';

export interface EmailMessage {
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}

/** The alert as an e-mail: the same facts as the Slack message, in plain text and in (escaped) HTML. Pure. */
export function emailMessage(alert: Alert, linkTemplate?: string): EmailMessage {
  const summary = alertSummary(alert, linkTemplate);
  // A header value on one line: the summary already collapsed whitespace, this guards against anything left.
  const subject = summary.headline.replace(/[\r\n]+/g, ' ');
  return { subject, text: plainText(summary), html: html(summary) };
}

/** HTML text and attribute escaping. */
export function escapeHtml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

function facts(summary: AlertSummary): [string, string][] {
  const rows: [string, string | undefined][] = [
    ['Lead', summary.leadName],
    ['Company', summary.company],
    ['Title', summary.jobTitle],
    ['Stage', summary.stage],
    ['Grade · score', summary.gradeAndScore],
    ['Owner', summary.owner?.name],
    ['Why now', summary.whyNow],
  ];
  return rows.filter((row): row is [string, string] => row[1] !== undefined && row[1] !== '');
}

function journeyLine(step: AlertSummary['journey'][number]): string {
  return `${step.when} · ${step.what}${step.detail === undefined ? '' : `: ${step.detail}`}`;
}

function plainText(summary: AlertSummary): string {
  const lines = [summary.headline, '', ...facts(summary).map(([label, value]) => `${label}: ${value}`)];
  if (summary.topSignals.length > 0) lines.push('', 'Top signals:', ...summary.topSignals.map((signal) => `- ${signal}`));
  if (summary.journey.length > 0) lines.push('', 'Latest journey:', ...summary.journey.map((step) => `- ${journeyLine(step)}`));
  lines.push('');
  if (summary.link !== undefined) lines.push(`Open lead: ${summary.link}`);
  lines.push(`Lead ${summary.leadId} · qualification ${summary.qualificationId}`);
  return `${lines.join('\n')}\n`;
}

function html(summary: AlertSummary): string {
  const e = escapeHtml;
  const parts = [
    '<!DOCTYPE html>',
    '<html><head><meta charset="utf-8"></head><body style="font-family:sans-serif">',
    `<h2>${e(summary.headline)}</h2>`,
    '<table cellpadding="4">',
    ...facts(summary).map(([label, value]) => `<tr><th align="left" valign="top">${e(label)}</th><td>${e(value)}</td></tr>`),
    '</table>',
  ];
  if (summary.topSignals.length > 0) parts.push('<h3>Top signals</h3>', '<ul>', ...summary.topSignals.map((signal) => `<li>${e(signal)}</li>`), '</ul>');
  if (summary.journey.length > 0) parts.push('<h3>Latest journey</h3>', '<ul>', ...summary.journey.map((step) => `<li>${e(journeyLine(step))}</li>`), '</ul>');
  if (summary.link !== undefined) parts.push(`<p><a href="${e(summary.link)}">Open lead</a></p>`);
  parts.push(`<p style="color:#666">Lead ${e(summary.leadId)} · qualification ${e(summary.qualificationId)}</p>`, '</body></html>');
  return `${parts.join('\n')}\n`;
}
