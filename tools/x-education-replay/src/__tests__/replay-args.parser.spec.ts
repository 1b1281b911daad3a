import { parseReplayArgs } from '../replay-args.parser';

describe('parseReplayArgs', () => {
  it('should default to the b2c-courses model over the whole file', () => {
    expect(parseReplayArgs([])).toEqual({ ok: true, args: { model: 'b2c-courses' } });
  });

  it('should take --model, --limit, --report and --concurrency, as --name value or --name=value', () => {
    expect(parseReplayArgs(['--model', 'b2b-default', '--limit=300', '--report', 'out/r.json', '--concurrency', '4'])).toEqual({
      ok: true,
      args: { model: 'b2b-default', limit: 300, reportPath: 'out/r.json', concurrency: 4 },
    });
  });

  it('should refuse unknown arguments, missing values and limits that are not whole numbers above 0', () => {
    expect(parseReplayArgs(['--modle', 'x'])).toEqual({ ok: false, help: false, problem: 'unknown argument --modle' });
    expect(parseReplayArgs(['--model'])).toEqual({ ok: false, help: false, problem: '--model needs a value' });
    expect(parseReplayArgs(['--report', '--limit', '3'])).toEqual({ ok: false, help: false, problem: '--report needs a value' });
    expect(parseReplayArgs(['--limit', '0'])).toEqual({ ok: false, help: false, problem: '--limit must be a whole number above 0' });
    expect(parseReplayArgs(['--limit', '1.5'])).toEqual({ ok: false, help: false, problem: '--limit must be a whole number above 0' });
    expect(parseReplayArgs(['--help'])).toEqual({ ok: false, help: true });
    expect(parseReplayArgs(['--offline', '--model', 'b2b-default'])).toEqual({ ok: true, args: { model: 'b2b-default', offline: true } });
  });
});
