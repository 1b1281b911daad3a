import { applyEachOnce, LeadStateContendedError, MAX_COMMIT_ATTEMPTS, type LedgerView, type SliceCause } from '../apply-each-once';
import type { CauseRecord } from '../cause-record';

const at = (offset: number): SliceCause<string> => ({ causeKey: `c${offset}`, position: { topic: 't', partition: 0, offset: String(offset) }, cause: `cause ${offset}` });

const view = (records: Record<string, CauseRecord> = {}, appliedOffset?: number): LedgerView => ({
  version: 1,
  appliedOffsets: new Map(appliedOffset === undefined ? [] : [['t:0', BigInt(appliedOffset)]]),
  records: new Map(Object.entries(records)),
});

describe('applyEachOnce', () => {
  it('should decide the new causes once each, in order, and commit them', async () => {
    const decided: string[][] = [];
    const applied = await applyEachOnce(
      'lead',
      [at(1), at(2), at(1)],
      async () => view(),
      (_, fresh) => {
        decided.push(fresh.map((cause) => cause.cause));
        return { result: fresh.length, commit: async () => 'committed' as const };
      },
    );
    expect(decided).toEqual([['cause 1', 'cause 2']]);
    expect(applied.decided).toBe(2);
  });

  it('should skip a cause with a record or at or below its applied offset, and return the unpublished ones', async () => {
    const read = async (causeKeys: readonly string[]): Promise<LedgerView> => {
      expect(causeKeys).toEqual(['c3', 'c4', 'c5', 'c6']);
      return view({ c4: { published: true, payload: '' }, c5: { published: false, payload: 'stored 5' } }, 3);
    };
    const applied = await applyEachOnce('lead', [at(3), at(4), at(5), at(6)], read, (_, fresh) => ({ result: fresh.map((cause) => cause.causeKey), commit: async () => 'committed' as const }));
    expect(applied.decided).toEqual(['c6']);
    expect(applied.unpublished.map(({ causeKey, payload }) => [causeKey, payload])).toEqual([['c5', 'stored 5']]);
  });

  it('should decide nothing when every cause was applied before', async () => {
    const decide = jest.fn();
    const applied = await applyEachOnce('lead', [at(1)], async () => view({}, 1), decide);
    expect(decide).not.toHaveBeenCalled();
    expect(applied.decided).toBeUndefined();
  });

  it('should read and decide again after a conflict, and give up after the last attempt', async () => {
    let reads = 0;
    const results: ('conflict' | 'committed')[] = ['conflict', 'conflict', 'committed'];
    const applied = await applyEachOnce(
      'lead',
      [at(1)],
      async () => (reads++, view()),
      () => ({ result: reads, commit: async () => results.shift() ?? 'committed' }),
    );
    expect(applied.decided).toBe(3);

    const contended = applyEachOnce(
      'lead',
      [at(1)],
      async () => view(),
      () => ({ result: 0, commit: async () => 'conflict' as const }),
    );
    await expect(contended).rejects.toThrow(LeadStateContendedError);
    await expect(contended).rejects.toThrow(`${MAX_COMMIT_ATTEMPTS} attempts`);
  });

  it('should not commit a decision that changes nothing', async () => {
    const applied = await applyEachOnce(
      'lead',
      [{ causeKey: 'http', cause: 'feedback' }],
      async () => view(),
      () => ({ result: 'refused' }),
    );
    expect(applied.decided).toBe('refused');
  });
});
