import { classifyFailure, DependencyUnavailableError, describeError, TerminalError } from '../failure';

describe('classifyFailure', () => {
  it('should call a TerminalError terminal', () => {
    expect(classifyFailure(new TerminalError('X.BAD', 'bad payload'))).toBe('terminal');
  });

  it('should call a DependencyUnavailableError a dependency failure', () => {
    expect(classifyFailure(new DependencyUnavailableError('redis', new Error('connection refused')))).toBe('dependency');
  });

  it('should call any other error, or a thrown non-error, retryable', () => {
    expect(classifyFailure(new Error('boom'))).toBe('retryable');
    expect(classifyFailure('boom')).toBe('retryable');
  });
});

describe('describeError', () => {
  it('should give a TerminalError its code', () => {
    expect(describeError(new TerminalError('X.BAD', 'bad payload'))).toBe('X.BAD: bad payload');
  });

  it('should name the dependency and keep the cause when a dependency is unavailable', () => {
    const cause = new Error('connection refused');
    const error = new DependencyUnavailableError('redis', cause);
    expect(describeError(error)).toBe('DependencyUnavailableError: redis unavailable: connection refused');
    expect(error.cause).toBe(cause);
  });

  it('should describe a thrown non-error by its string', () => {
    expect(describeError(42)).toBe('42');
  });
});
