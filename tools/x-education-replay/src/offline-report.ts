import { mapLeadInputs, timelineAnchorFor } from './lead-inputs.mapper';
import { DEFAULT_DATASET, loadModel, readLeads } from './load-leads';
import { evaluateOffline } from './offline-evaluation';
import type { QualityFigures } from './qualification-report';

export interface OfflineReport {
  readonly dataset: string;
  readonly model: { readonly name: string; readonly version: string; readonly file: string };
  readonly timelineAnchor: string;
  readonly figures: QualityFigures;
  readonly durationMs: number;
}

/**
 * The pure model over the mapped leads of the file, every cause decided as of now, as a replay run now would take it:
 * what tuning a model needs, in seconds, with nothing started.
 */
export function offlineReport(modelName: string, limit?: number, dataset = DEFAULT_DATASET): OfflineReport {
  const started = Date.now();
  const now = new Date(started).toISOString();
  const timelineAnchor = timelineAnchorFor(started);
  const { file, model } = loadModel(modelName);
  const leads = readLeads(dataset, limit).map((row) => ({ inputs: mapLeadInputs(row, `xed-${row.prospectId}`, timelineAnchor), converted: row.converted }));
  const { figures } = evaluateOffline(model, leads, () => now);
  return { dataset, model: { name: modelName, version: model.version, file }, timelineAnchor, figures, durationMs: Date.now() - started };
}
