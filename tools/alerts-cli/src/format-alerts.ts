import { formatTable } from '@baton/cli-kit';
import type { AlertView, AttemptView } from './notifier-client';

/** The dead letters as one table, in the order the notifier lists them (oldest dead first). */
export function formatDeadLetters(alerts: readonly AlertView[]): string {
  if (alerts.length === 0) return 'No dead-lettered alerts.\n';
  const rows = alerts.map((alert) => [alert.alertId, alert.leadId, alert.channel, String(alert.attempts.length), alert.lastResult ?? '-', alert.createdAt]);
  const lines = formatTable(['Alert', 'Lead', 'Channel', 'Attempts', 'Last result', 'Created'], rows, ['left', 'left', 'left', 'right', 'left', 'left']);
  const footer = `${alerts.length} dead-lettered ${alerts.length === 1 ? 'alert' : 'alerts'}; re-send one with: npm run alerts -- resend <alertId> --lead <leadId> (or resend --all)`;
  return `${[...lines, '', footer].join('\n')}\n`;
}

/** A lead's delivery log: each alert (oldest first) with its attempts. */
export function formatDeliveryLog(leadId: string, alerts: readonly AlertView[]): string {
  if (alerts.length === 0) return `No alerts for lead ${leadId}.\n`;
  const sections = alerts.map((alert) => {
    const who = [
      `channel ${alert.channel}`,
      alert.stage === undefined ? undefined : `stage ${alert.stage}`,
      alert.team === undefined ? undefined : `team ${alert.team}`,
      alert.ownerId === undefined ? undefined : `owner ${alert.ownerId}`,
    ];
    // A restored alert's creation time is its delivery time: said once.
    const created = alert.restored === undefined ? `created ${alert.createdAt}` : undefined;
    const state = [
      `status ${alert.status}`,
      created,
      alert.deliveredAt === undefined ? undefined : `delivered ${alert.deliveredAt}`,
      alert.restored === undefined ? undefined : `restored ${alert.restored.at}`,
    ];
    const lines = [alert.alertId, `  ${present(who).join(' · ')}`, `  ${present(state).join(' · ')}`];
    if (alert.lastResult !== undefined) lines.push(`  last result: ${alert.lastResult}`);
    lines.push(...(alert.attempts.length > 0 ? attemptTable(alert.attempts).map((line) => `  ${line}`) : [`  ${noAttemptLine(alert)}`]));
    return lines.join('\n');
  });
  return `${[`Delivery log of lead ${leadId}: ${alerts.length} ${alerts.length === 1 ? 'alert' : 'alerts'}`, ...sections].join('\n\n')}\n`;
}

function noAttemptLine(alert: AlertView): string {
  if (alert.restored === undefined) return '(no attempt yet)';
  const attempts = `${alert.restored.attempts} ${alert.restored.attempts === 1 ? 'attempt' : 'attempts'}`;
  return `(restored from baton.alerts-sent.v1 after Redis was lost: delivered in ${attempts}, the attempt log was not kept)`;
}

function attemptTable(attempts: readonly AttemptView[]): string[] {
  const withReason = attempts.some((attempt) => attempt.reason !== undefined && attempt.reason !== '');
  const headers = ['#', 'Time', 'Outcome', 'Status', 'Latency', ...(withReason ? ['Detail'] : [])];
  const rows = attempts.map((attempt, index) => [
    String(index + 1),
    attempt.at,
    attempt.outcome,
    attempt.status === undefined ? '-' : String(attempt.status),
    `${attempt.latencyMs} ms`,
    ...(withReason ? [attempt.reason ?? ''] : []),
  ]);
  return formatTable(headers, rows, ['right', 'left', 'left', 'right', 'right', 'left']);
}

function present(parts: readonly (string | undefined)[]): string[] {
  return parts.filter((part): part is string => part !== undefined);
}
