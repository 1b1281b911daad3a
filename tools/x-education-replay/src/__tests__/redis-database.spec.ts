import { withDatabase } from '../replay-x-education';

describe('withDatabase', () => {
  it('should point a Redis URL at another logical database, keeping host, port and credentials', () => {
    expect(withDatabase('redis://127.0.0.1:38841', 9)).toBe('redis://127.0.0.1:38841/9');
    expect(withDatabase('rediss://user:secret@redis.internal:6380/0', 9)).toBe('rediss://user:secret@redis.internal:6380/9');
  });
});
