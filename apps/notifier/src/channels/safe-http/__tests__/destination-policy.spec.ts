import { DestinationAllowlist, nonPublicRange } from '../destination-policy';

describe('nonPublicRange', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['10.1.2.3', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.0.1', 'private'],
    ['169.254.169.254', 'linkLocal'],
    ['100.64.0.1', 'carrierGradeNat'],
    ['0.0.0.0', 'unspecified'],
    ['255.255.255.255', 'broadcast'],
    ['239.1.1.1', 'multicast'],
    ['240.0.0.1', 'reserved'],
    ['::1', 'loopback'],
    ['::', 'unspecified'],
    ['fc00::1', 'uniqueLocal'],
    ['fd12:3456::1', 'uniqueLocal'],
    ['fe80::1', 'linkLocal'],
    ['fe80::1%eth0', 'linkLocal'],
    ['ff02::1', 'multicast'],
    ['::ffff:127.0.0.1', 'ipv4Mapped:loopback'],
    ['::ffff:10.0.0.1', 'ipv4Mapped:private'],
    ['::ffff:169.254.169.254', 'ipv4Mapped:linkLocal'],
    ['64:ff9b::10.0.0.1', 'rfc6052:private'],
    ['64:ff9b::169.254.169.254', 'rfc6052:linkLocal'],
    ['64:ff9b:1::a00:1', 'rfc6052'],
    ['2002:0a00:0001::1', '6to4:private'],
  ])('should call %s non-public (%s)', (address, range) => {
    expect(nonPublicRange(address)).toBe(range);
  });

  it.each(['93.184.215.14', '8.8.8.8', '2606:4700::1111', '::ffff:8.8.8.8', '64:ff9b::8.8.8.8', '2002:0808:0808::1'])('should call %s public', (address) => {
    expect(nonPublicRange(address)).toBeUndefined();
  });
});

describe('DestinationAllowlist', () => {
  const allowlist = new DestinationAllowlist(['127.0.0.1/32', '::1', 'localhost', 'Receiver.Internal.', '10.20.0.0/16', 'fd00::/8', '[fe80::5]']);

  it('should match hostnames exactly, case-insensitively', () => {
    expect(allowlist.allowsHost('receiver.internal')).toBe(true);
    expect(allowlist.allowsHost('RECEIVER.internal.')).toBe(true);
    expect(allowlist.allowsHost('evil.receiver.internal')).toBe(false);
    expect(allowlist.allowsHost('receiver.internal.evil')).toBe(false);
  });

  it('should match addresses and CIDRs, v4 and v6, and IPv4-mapped forms of v4 entries', () => {
    expect(allowlist.allowsAddress('127.0.0.1')).toBe(true);
    expect(allowlist.allowsAddress('127.0.0.2')).toBe(false);
    expect(allowlist.allowsAddress('::1')).toBe(true);
    expect(allowlist.allowsAddress('10.20.3.4')).toBe(true);
    expect(allowlist.allowsAddress('10.21.0.1')).toBe(false);
    expect(allowlist.allowsAddress('fd00:1::2')).toBe(true);
    expect(allowlist.allowsAddress('fe80::5')).toBe(true);
    expect(allowlist.allowsAddress('::ffff:127.0.0.1')).toBe(true);
    expect(allowlist.allowsAddress('169.254.169.254')).toBe(false);
  });

  it('should reject entries that are neither hostname, address nor CIDR', () => {
    expect(() => new DestinationAllowlist(['http://x/'])).toThrow('neither a hostname');
    expect(() => new DestinationAllowlist([' '])).toThrow('must not be empty');
  });
});
