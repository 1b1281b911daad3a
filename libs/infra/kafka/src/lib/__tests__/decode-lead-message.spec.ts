import { encodeLeadKey, EngagementEventV1, LeadProfileUpdatedV1 } from '@baton/contracts';
import { TerminalError } from '@baton/failure';
import type { ConsumedMessage } from '../batch-consumer';
import { decodeLeadMessage } from '../decode-lead-message';

const event = { eventId: 'evt-1', leadId: 'ada-1', type: 'page_view', occurredAt: '2026-11-24T10:00:00Z', properties: { url: '/pricing' } };

function consumed(value: object | string, leadId = 'ada-1'): ConsumedMessage {
  return {
    topic: 'baton.engagement-events.v1',
    partition: 0,
    offset: '7',
    key: encodeLeadKey(leadId),
    value: Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)),
    headers: {},
    loggedAt: '2026-11-24T10:00:01Z',
    trace: { correlationId: 'c-1' },
  };
}

function terminalErrorOf(decode: () => unknown): TerminalError {
  try {
    decode();
  } catch (error) {
    if (error instanceof TerminalError) return error;
    throw error;
  }
  throw new Error('expected a TerminalError');
}

describe('decodeLeadMessage', () => {
  it('returns the event as an instance of its contract, without the fields it does not know', () => {
    const decoded = decodeLeadMessage(EngagementEventV1, consumed({ ...event, leadID: 'typo' }), 'SCORING');
    expect(decoded).toBeInstanceOf(EngagementEventV1);
    expect(decoded).toEqual(event);
    expect(Object.keys(decoded)).toEqual(['eventId', 'leadId', 'type', 'occurredAt', 'properties']);
  });

  it('names every bad field in the dead-letter reason', () => {
    const error = terminalErrorOf(() => decodeLeadMessage(EngagementEventV1, consumed({ ...event, occurredAt: '2026-02-30T10:00:00Z', type: 'Page View' }), 'SCORING'));
    expect(error.code).toBe('SCORING.INVALID_EVENT');
    expect(error.message).toBe('type: must be snake_case: a lowercase letter, then lowercase letters, digits or _ (64 at most); occurredAt: must be a date and time that exists');
    const nested = terminalErrorOf(() =>
      decodeLeadMessage(LeadProfileUpdatedV1, consumed({ updateId: 'u-1', leadId: 'ada-1', updatedAt: '2026-11-24T10:00:00Z', traits: { company: { employees: 2.5 } } }), 'SCORING'),
    );
    expect(nested.message).toBe('traits.company.employees: must be a whole number');
  });

  it('refuses a value that is not JSON, and a key that is not the leadId', () => {
    expect(terminalErrorOf(() => decodeLeadMessage(EngagementEventV1, consumed('{nope'), 'LIFECYCLE')).message).toBe('value: message value is not valid JSON');
    expect(terminalErrorOf(() => decodeLeadMessage(EngagementEventV1, consumed(event, 'bob-2'), 'LIFECYCLE')).code).toBe('LIFECYCLE.KEY_MISMATCH');
  });
});
