import { backoffMs, judgeAttempt, retryDelayMs } from '../delivery-policy';

describe('judgeAttempt', () => {
  it.each([200, 202, 204])('should count %i as delivered', (status) => expect(judgeAttempt({ kind: 'status', status })).toBe('delivered'));
  it.each([408, 429, 500, 502, 503])('should retry %i', (status) => expect(judgeAttempt({ kind: 'status', status })).toBe('retry'));
  it.each([301, 400, 401, 403, 404, 410])('should reject %i for good', (status) => expect(judgeAttempt({ kind: 'status', status })).toBe('reject'));
  it('should retry a timeout or a refused connection', () => expect(judgeAttempt({ kind: 'network', reason: 'TimeoutError' })).toBe('retry'));
});

describe('backoffMs', () => {
  it('should double per attempt with at most 20 % jitter', () => {
    expect([1, 2, 3].map((attempt) => backoffMs(attempt, 100, () => 0))).toEqual([100, 200, 400]);
    expect(backoffMs(3, 100, () => 1)).toBe(480);
  });
});

describe('refusals and Retry-After', () => {
  it('should never retry a destination Baton refused to send to', () => expect(judgeAttempt({ kind: 'refused', reason: 'private network' })).toBe('reject'));

  it('should wait at least what Retry-After asked for', () => {
    expect(retryDelayMs({ kind: 'status', status: 429, retryAfterMs: 5000 }, 1, 100, () => 0)).toBe(5000);
    expect(retryDelayMs({ kind: 'status', status: 429, retryAfterMs: 50 }, 2, 100, () => 0)).toBe(200);
    expect(retryDelayMs({ kind: 'status', status: 503 }, 1, 100, () => 0)).toBe(100);
  });
});
