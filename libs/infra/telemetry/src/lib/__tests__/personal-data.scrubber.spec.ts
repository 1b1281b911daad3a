import fc from 'fast-check';
import { scrubPersonalData } from '../personal-data.scrubber';

describe('scrubPersonalData', () => {
  it('should hide e-mail addresses and the secret of an API key, and keep the rest', () => {
    const key = `baton_0123456789abcdef_${'A'.repeat(20)}-_${'z'.repeat(21)}`;
    expect(scrubPersonalData(`lead ada.lovelace+crm@analytical.co.uk failed with key ${key} at /v1/events`)).toBe('lead [email] failed with key baton_0123456789abcdef_[secret] at /v1/events');
  });

  it('should leave lines without personal data as they are', () => {
    const line = 'lead lead-42 contact -> mql (mql_threshold, cause 3f9a0c6d) @ baton.score-changes.v1[3]@17';
    expect(scrubPersonalData(line)).toBe(line);
  });

  it('should remove every e-mail address, wherever it sits in a line', () => {
    fc.assert(
      fc.property(fc.string(), fc.emailAddress(), fc.string(), (before, email, after) => {
        expect(scrubPersonalData(`${before} ${email} ${after}`)).not.toContain(email);
      }),
    );
  });
});
