import { randomUUID } from 'node:crypto';
import { RedisConnection } from '@baton/redis';
import type { AlertOwner } from '../../channels/channel';
import { OwnerAssigner, ownerKey, teamCursorKey } from '../owner-assigner';

const OWNERS: readonly AlertOwner[] = [
  { id: 'sam', name: 'Sam Carter' },
  { id: 'kim', name: 'Kim Lee' },
  { id: 'ana', name: 'Ana Ruiz' },
];

describe('OwnerAssigner (real Redis)', () => {
  const connections: RedisConnection[] = [];
  const written: string[] = [];
  // Unique per run: the Redis is shared with other test runs.
  const run = randomUUID().slice(0, 8);

  async function connect(): Promise<OwnerAssigner> {
    const connection = new RedisConnection({ url: process.env['REDIS_URL'] ?? '', connectionName: `owner-assigner-spec-${run}` });
    await connection.onModuleInit();
    connections.push(connection);
    return new OwnerAssigner(connection);
  }

  function team(name: string): string {
    written.push(teamCursorKey(`${name}-${run}`));
    return `${name}-${run}`;
  }

  function qualification(index: number | string): { qualificationId: string; leadId: string } {
    const ids = { qualificationId: `q-${run}-${index}`, leadId: `lead-${run}-${index}` };
    return ids;
  }

  afterAll(async () => {
    const [first] = connections;
    if (first !== undefined && first.isReady) {
      // The cursors, and every owner stored under this run's teams (their keys carry the team's hash tag).
      const owners = await first.client.keys(`baton:notifier:team:{*-${run}}:owner:*`);
      await first.client.del(...written, ...owners);
    }
    await Promise.all(connections.map((connection) => connection.onApplicationShutdown()));
  });

  it('should share 90 concurrent qualifications fairly: 30 per owner', async () => {
    const assigner = await connect();
    const emea = team('emea');

    const owners = await Promise.all(
      Array.from({ length: 90 }, (_, index) => {
        const { qualificationId, leadId } = qualification(`fair-${index}`);
        return assigner.assign(emea, OWNERS, qualificationId, leadId);
      }),
    );

    const counts = new Map<string, number>();
    for (const owner of owners) counts.set(owner.id, (counts.get(owner.id) ?? 0) + 1);
    expect(Object.fromEntries(counts)).toEqual({ sam: 30, kim: 30, ana: 30 });
  });

  it('should give a qualification the same owner again, also to concurrent redeliveries, without moving the rotation', async () => {
    const assigner = await connect();
    const na = team('na');
    const { qualificationId, leadId } = qualification('same');

    const first = await assigner.assign(na, OWNERS, qualificationId, leadId);
    const again = await assigner.assign(na, OWNERS, qualificationId, leadId);
    const concurrent = await Promise.all(Array.from({ length: 10 }, () => assigner.assign(na, OWNERS, qualificationId, leadId)));
    const next = qualification('next');

    expect(first).toEqual(OWNERS[0]);
    expect(again).toEqual(first);
    expect(new Set(concurrent.map((owner) => owner.id))).toEqual(new Set([first.id]));
    expect(await assigner.assign(na, OWNERS, next.qualificationId, next.leadId)).toEqual(OWNERS[1]);
    const ttl = await connections[0]?.client.ttl(ownerKey(na, leadId, qualificationId));
    expect(ttl).toBeGreaterThan(29 * 24 * 3600);
  });

  it('should agree on one owner when the first assignments of a qualification race', async () => {
    const assigner = await connect();
    const apac = team('apac');
    const { qualificationId, leadId } = qualification('race');

    const owners = await Promise.all(Array.from({ length: 20 }, () => assigner.assign(apac, OWNERS, qualificationId, leadId)));

    expect(new Set(owners.map((owner) => owner.id)).size).toBe(1);
    expect(await connections[0]?.client.get(teamCursorKey(apac))).toBe('1');
  });

  it('should assign anew when the stored owner has left the team', async () => {
    const assigner = await connect();
    const latam = team('latam');
    const { qualificationId, leadId } = qualification('left');

    expect(await assigner.assign(latam, OWNERS, qualificationId, leadId)).toEqual(OWNERS[0]);
    const remaining = OWNERS.slice(1);
    const reassigned = await assigner.assign(latam, remaining, qualificationId, leadId);

    expect(remaining).toContainEqual(reassigned);
    expect(await assigner.assign(latam, remaining, qualificationId, leadId)).toEqual(reassigned);
  });

  it('should continue the rotation after a restart (a new client)', async () => {
    const before = await connect();
    const mena = team('mena');
    const assigned: string[] = [];
    for (const index of [0, 1]) {
      const { qualificationId, leadId } = qualification(`restart-${index}`);
      assigned.push((await before.assign(mena, OWNERS, qualificationId, leadId)).id);
    }
    await connections[connections.length - 1]?.onApplicationShutdown();
    connections.pop();

    const after = await connect();
    for (const index of [2, 3]) {
      const { qualificationId, leadId } = qualification(`restart-${index}`);
      assigned.push((await after.assign(mena, OWNERS, qualificationId, leadId)).id);
    }

    expect(assigned).toEqual(['sam', 'kim', 'ana', 'sam']);
  });
});
