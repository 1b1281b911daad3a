import { refusedArgsResult } from '../cli-result';

describe('refusedArgsResult', () => {
  it('should print the usage on stdout with exit 0 for --help', () => {
    expect(refusedArgsResult({ ok: false, help: true }, 'usage: x')).toEqual({ exitCode: 0, stdout: 'usage: x\n', stderr: '' });
  });

  it('should print the problem and the usage on stderr with exit 2 for bad arguments', () => {
    expect(refusedArgsResult({ ok: false, help: false, problem: '--from needs a value' }, 'usage: x')).toEqual({ exitCode: 2, stdout: '', stderr: '--from needs a value\nusage: x\n' });
  });
});
