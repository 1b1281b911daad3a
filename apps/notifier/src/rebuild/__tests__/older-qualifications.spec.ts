import { olderQualificationsOn } from '../older-qualifications';

describe('olderQualificationsOn', () => {
  const range = (low: string, high: string) => ({ partition: 0, low, high });

  it('should count the qualifications before the first one as recent as the oldest alert kept', () => {
    expect(olderQualificationsOn({ alertsSent: range('40', '90'), leadQualified: range('100', '160'), firstNotOlder: '112' })).toBe(12);
    expect(olderQualificationsOn({ alertsSent: range('0', '90'), leadQualified: range('100', '160'), firstNotOlder: '100' })).toBe(0);
  });

  it('should count every qualification kept when every alert written was deleted', () => {
    expect(olderQualificationsOn({ alertsSent: range('30', '30'), leadQualified: range('100', '160') })).toBe(60);
  });

  it('should count none on a partition that never had an alert', () => {
    expect(olderQualificationsOn({ alertsSent: range('0', '0'), leadQualified: range('0', '25') })).toBe(0);
  });
});
