import { PROFILE_UPDATED_CAUSE as CONTRACT_PROFILE_UPDATED_CAUSE } from '@baton/contracts';
import { PROFILE_UPDATED_CAUSE as DOMAIN_PROFILE_UPDATED_CAUSE } from '@baton/lifecycle-domain';

// Lifecycle hands a score change's cause type to the domain as it is: the domain, which imports no contract, states
// the same value to tell a profile update from an activity.
describe('the profile-updated cause', () => {
  it('should be the value ScoreChangedV1 carries when the domain reads a score change', () => {
    expect(DOMAIN_PROFILE_UPDATED_CAUSE).toBe(CONTRACT_PROFILE_UPDATED_CAUSE);
  });
});
