import type { QualityFigures, StageFigures } from './qualification-report';
import type { OfflineReport } from './offline-report';
import type { ReplayReport } from './replay-x-education';

/** The report as a table a sales team reads: one column for the running system, one for the pure model. */
export function formatReport(report: ReplayReport): string {
  const row = (label: string, system: string, offline: string): string => `${label.padEnd(34)} ${system.padStart(18)} ${offline.padStart(18)}`;
  const stage = (figures: StageFigures): string => `${figures.leads} (${percent(figures.conversionRate)})`;
  const lines = (figures: QualityFigures, other: QualityFigures): string[] => [
    row('leads (converted)', `${figures.leads} (${figures.converted})`, `${other.leads} (${other.converted})`),
    row('ROC AUC of the final score', figures.auc.toFixed(4), other.auc.toFixed(4)),
    row('MQL or beyond (conversion rate)', stage(figures.mql), stage(other.mql)),
    row('SQL (conversion rate)', stage(figures.sql), stage(other.sql)),
    row('left out, never MQL (conv. rate)', stage(figures.leftOut), stage(other.leftOut)),
  ];
  const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;
  return [
    `X Education replay, model ${report.model.version} (${report.model.file})`,
    `${report.leads} leads, ${report.profiles} profiles, ${report.events} events; timeline ends ${report.timelineAnchor}; run ${report.runId}`,
    '',
    row('', 'running system', 'pure model'),
    ...lines(report.system, report.offline),
    '',
    `final scores different from the pure model: ${report.scoreMismatches}; stage histories different: ${report.stageMismatches}`,
    `time: ${seconds(report.timings.totalMs)} in all (services ${seconds(report.timings.startMs)}, profiles ${seconds(report.timings.profilesMs)}, events sent ${seconds(report.timings.eventsMs)}, settling ${seconds(report.timings.settleMs)})`,
    '',
  ].join('\n');
}

/** The pure model's figures alone (--offline). */
export function formatOfflineReport(report: OfflineReport): string {
  const stage = (figures: StageFigures): string => `${figures.leads} (${percent(figures.conversionRate)})`;
  const { figures } = report;
  return [
    `X Education, pure model ${report.model.version} (${report.model.file}), no services`,
    `${figures.leads} leads (${figures.converted} converted); timeline ends ${report.timelineAnchor}`,
    `ROC AUC of the final score        ${figures.auc.toFixed(4)}`,
    `MQL or beyond (conversion rate)   ${stage(figures.mql)}`,
    `SQL (conversion rate)             ${stage(figures.sql)}`,
    `left out, never MQL (conv. rate)  ${stage(figures.leftOut)}`,
    `evaluated in ${(report.durationMs / 1000).toFixed(1)} s`,
    '',
  ].join('\n');
}

function percent(rate: number | null): string {
  return rate === null ? 'n/a' : `${(rate * 100).toFixed(1)}%`;
}
