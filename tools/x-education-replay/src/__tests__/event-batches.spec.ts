import { eventLanes } from '../event-batches';
import type { LeadInputs } from '../lead-inputs.mapper';

function lead(leadId: string, events: number): LeadInputs {
  return {
    leadId,
    prospectId: leadId,
    events: Array.from({ length: events }, (_, index) => ({ eventId: `${leadId}-e${index}`, leadId, type: 'page_view', occurredAt: new Date(Date.UTC(2026, 8, 1, 0, index)).toISOString() })),
  };
}

describe('eventLanes', () => {
  it('should put every lead in one lane, its events in order, in batches of at most the limit', () => {
    const leads = [lead('a', 7), lead('b', 3), lead('c', 12), lead('d', 0), lead('e', 5)];
    const lanes = eventLanes(leads, 2, 4);
    expect(lanes.flat().every((batch) => batch.length >= 1 && batch.length <= 4)).toBe(true);
    for (const { leadId, events } of leads) {
      const holding = lanes.filter((lane) => lane.flat().some((event) => event.leadId === leadId));
      expect(holding.length).toBe(events.length === 0 ? 0 : 1);
      expect(lanes.flat(2).filter((event) => event.leadId === leadId)).toEqual(events);
    }
    expect(lanes.flat(2)).toHaveLength(27);
  });
});
