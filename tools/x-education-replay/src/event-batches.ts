import type { LeadInputs, MappedEvent } from './lead-inputs.mapper';

/**
 * The leads' events in lanes of batches (at most `maxBatch` events each). A lane is sent one batch after the
 * other, and every lead's events are in one lane in time order, so each lead's events reach scoring and
 * lifecycle in the order they happened (the offline evaluation assumes it) while lanes run side by side.
 */
export function eventLanes(leads: readonly LeadInputs[], lanes: number, maxBatch: number): MappedEvent[][][] {
  const result: MappedEvent[][][] = Array.from({ length: Math.max(1, lanes) }, () => []);
  leads.forEach((lead, index) => {
    const lane = result[index % result.length] as MappedEvent[][];
    for (const event of lead.events) {
      const current = lane.at(-1);
      if (current === undefined || current.length >= maxBatch) lane.push([event]);
      else current.push(event);
    }
  });
  return result.filter((lane) => lane.length > 0);
}
