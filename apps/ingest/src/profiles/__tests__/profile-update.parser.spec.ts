import { parseProfileUpdate, type ProfileUpdateRequest } from '../profile-update.parser';

const defaults = { receivedAt: '2026-11-24T10:00:00.000Z', newUpdateId: () => 'generated-1', now: new Date('2026-11-24T10:00:00Z'), maxFutureSkewMs: 300_000 };
const parse = (body: unknown, request: Partial<ProfileUpdateRequest> = {}) => parseProfileUpdate({ leadId: 'lead-1', body, ...request }, defaults);
const pathsOf = (result: ReturnType<typeof parse>): string[] => (result.ok ? [] : result.violations.map((v) => v.path).sort());

describe('parseProfileUpdate', () => {
  it('should accept a valid update with nested traits, as given', () => {
    const traits = {
      email: 'ada@example.com',
      name: 'Ada Lovelace',
      jobTitle: 'CTO',
      seniority: 'c_level',
      company: { name: 'Analytical Engines', employees: 250, annualRevenue: 12_500_000.5, country: 'GB' },
      technologies: ['kafka', 'redis'],
      bant: { budget: true, need: false },
    };
    const result = parse({ updateId: 'upd-1', updatedAt: '2026-11-24T09:30:00+01:00', traits });
    expect(result.ok).toBe(true);
    expect(result.ok && (JSON.parse(JSON.stringify(result.update)) as unknown)).toEqual({ updateId: 'upd-1', leadId: 'lead-1', updatedAt: '2026-11-24T09:30:00+01:00', traits });
  });

  it('should generate the updateId and take the time of the request when the body has neither', () => {
    const result = parse({ traits: { jobTitle: 'CTO' } });
    expect(result.ok && { updateId: result.update.updateId, updatedAt: result.update.updatedAt }).toEqual({ updateId: 'generated-1', updatedAt: '2026-11-24T10:00:00.000Z' });
  });

  it('should use the Idempotency-Key header as the updateId when the body has none, and accept it repeated in the body', () => {
    const fromHeader = parse({ traits: { jobTitle: 'CTO' } }, { idempotencyKey: 'retry-42' });
    expect(fromHeader.ok && fromHeader.update.updateId).toBe('retry-42');
    const both = parse({ updateId: 'retry-42', traits: { jobTitle: 'CTO' } }, { idempotencyKey: 'retry-42' });
    expect(both.ok && both.update.updateId).toBe('retry-42');
  });

  it('should refuse an updateId that differs from the Idempotency-Key header, and name a bad header as the header', () => {
    expect(pathsOf(parse({ updateId: 'upd-1', traits: { jobTitle: 'CTO' } }, { idempotencyKey: 'retry-42' }))).toEqual(['updateId']);
    expect(pathsOf(parse({ traits: { jobTitle: 'CTO' } }, { idempotencyKey: 'has spaces {x}' }))).toEqual(['Idempotency-Key']);
  });

  it('should refuse unknown fields by name, at the top, among the traits and inside company and bant', () => {
    const result = parse({ traits: { jobTitle: 'CTO', phone: '+44', company: { name: 'X', size: 3 }, bant: { money: true } }, leadId: 'other', source: 'crm' });
    expect(pathsOf(result)).toEqual(['leadId', 'source', 'traits.bant.money', 'traits.company.size', 'traits.phone']);
  });

  it('should name every bad field with its nested path', () => {
    const result = parse({
      updatedAt: '2026-11-24T10:00:00',
      traits: { email: 'not-an-email', name: '', company: { employees: 12.5, annualRevenue: -1 }, technologies: ['kafka', 7], bant: { budget: 'yes' } },
    });
    expect(pathsOf(result)).toEqual(['traits.bant.budget', 'traits.company.annualRevenue', 'traits.company.employees', 'traits.email', 'traits.name', 'traits.technologies', 'updatedAt']);
    expect(!result.ok && result.violations.find((v) => v.path === 'traits.company.employees')?.message).toBe('must be a whole number');
  });

  it('should refuse a leadId that is not an id', () => {
    for (const leadId of ['', 'has space', '{tag}', 'x'.repeat(129)]) {
      expect(pathsOf(parse({ traits: { jobTitle: 'CTO' } }, { leadId }))).toEqual(['leadId']);
    }
  });

  it('should refuse missing, empty and non-object traits, and a body that is not an object', () => {
    expect(pathsOf(parse({}))).toEqual(['traits']);
    const empty = parse({ traits: {} });
    expect(!empty.ok && empty.violations).toEqual([{ path: 'traits', message: 'must hold at least one trait' }]);
    expect(pathsOf(parse({ traits: [] }))).toEqual(['traits']);
    expect(pathsOf(parse({ traits: 'CTO' }))).toEqual(['traits']);
    for (const body of [undefined, null, [], 'x']) {
      const result = parse(body);
      expect(!result.ok && result.violations).toEqual([{ path: '', message: 'must be a JSON object' }]);
    }
  });

  it('should accept null trait values, which clear the stored value, and keep them apart from absent ones', () => {
    const traits = { email: null, company: { name: null, employees: 40 }, technologies: null, bant: null };
    const result = parse({ traits });
    expect(result.ok).toBe(true);
    expect(result.ok && (JSON.parse(JSON.stringify(result.update.traits)) as unknown)).toEqual(traits);
    expect(parse({ traits: { company: null } }).ok).toBe(true);
  });
});
