import type { AlertView, AttemptView } from './notifier-client';

type Align = 'left' | 'right';

/** The dead letters as one table, in the order the notifier lists them (oldest dead first). */
export function formatDeadLetters(alerts: readonly AlertView[]): string {
  if (alerts.length === 0) return 'No dead-lettered alerts.\n';
  const rows = alerts.map((alert) => [alert.alertId, alert.leadId, alert.channel, String(alert.attempts.length), alert.lastResult ?? '-', alert.createdAt]);
  const lines = table(['Alert', 'Lead', 'Channel', 'Attempts', 'Last result', 'Created'], rows, ['left', 'left', 'left', 'right', 'left', 'left']);
  const footer = `${alerts.length} dead-lettered ${alerts.length === 1 ? 'alert' : 'alerts'}; re-send one with: npm run alerts -- resend <alertId> --lead <leadId> (or resend --all)`;
  return `${[...lines, '', footer].join('\n')}\n`;
}

/** A lead's delivery log: each alert (oldest first) with its attempts. */
export function formatDeliveryLog(leadId: string, alerts: readonly AlertView[]): string {
  if (alerts.length === 0) return `No alerts for lead ${leadId}.\n`;
  const sections = alerts.map((alert) => {
    const who = [`channel ${alert.channel}`, `stage ${alert.stage}`, alert.team === undefined ? undefined : `team ${alert.team}`, alert.ownerId === undefined ? undefined : `owner ${alert.ownerId}`];
    const state = [`status ${alert.status}`, `created ${alert.createdAt}`, alert.deliveredAt === undefined ? undefined : `delivered ${alert.deliveredAt}`];
    const lines = [alert.alertId, `  ${present(who).join(' · ')}`, `  ${present(state).join(' · ')}`];
    if (alert.lastResult !== undefined) lines.push(`  last result: ${alert.lastResult}`);
    lines.push(...(alert.attempts.length === 0 ? ['  (no attempt yet)'] : attemptTable(alert.attempts).map((line) => `  ${line}`)));
    return lines.join('\n');
  });
  return `${[`Delivery log of lead ${leadId}: ${alerts.length} ${alerts.length === 1 ? 'alert' : 'alerts'}`, ...sections].join('\n\n')}\n`;
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
  return table(headers, rows, ['right', 'left', 'left', 'right', 'right', 'left']);
}

function present(parts: readonly (string | undefined)[]): string[] {
  return parts.filter((part): part is string => part !== undefined);
}

function table(headers: readonly string[], rows: readonly (readonly string[])[], align: readonly Align[]): string[] {
  const widths = headers.map((header, column) => Math.max(header.length, ...rows.map((row) => (row[column] ?? '').length)));
  const line = (cells: readonly string[]): string =>
    cells
      .map((cell, column) => (align[column] === 'right' ? cell.padStart(widths[column] ?? 0) : cell.padEnd(widths[column] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(headers), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)];
}
