import { mapLeadInputs, TIMELINE_ANCHOR } from './lead-inputs.mapper';
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

/** The pure model over the mapped leads of the file: what tuning a model needs, in seconds, with nothing started. */
export function offlineReport(modelName: string, limit?: number, dataset = DEFAULT_DATASET): OfflineReport {
  const started = Date.now();
  const { file, model } = loadModel(modelName);
  const leads = readLeads(dataset, limit).map((row) => ({ inputs: mapLeadInputs(row, `xed-${row.prospectId}`), converted: row.converted }));
  const { figures } = evaluateOffline(model, leads);
  return { dataset, model: { name: modelName, version: model.version, file }, timelineAnchor: TIMELINE_ANCHOR, figures, durationMs: Date.now() - started };
}
