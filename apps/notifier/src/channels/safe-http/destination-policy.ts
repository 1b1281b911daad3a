import ipaddr from 'ipaddr.js';

type IpAddress = ipaddr.IPv4 | ipaddr.IPv6;

/**
 * IPv4 ranges a webhook may reach without being allowlisted: global unicast (and the anycast AS112 / AMT
 * blocks, which are public). Everything else ipaddr.js names — loopback, private (RFC 1918), linkLocal
 * (169.254/16, the cloud metadata address), carrierGradeNat (100.64/10), unspecified, broadcast, multicast,
 * reserved (TEST-NETs, 240/4, 192.0.0/24), benchmarking — is non-public.
 */
const PUBLIC_V4_RANGES: ReadonlySet<string> = new Set(['unicast', 'as112', 'amt']);
/** IPv6 ranges that are public as such (global unicast, plus the public AMT and AS112 blocks). */
const PUBLIC_V6_RANGES: ReadonlySet<string> = new Set(['unicast', 'amt', 'as112v6']);

/** Why an address is not public (the ipaddr.js range name, `ipv4Mapped:private` for a mapped one), or undefined when it is. */
export function nonPublicRange(address: string): string | undefined {
  let parsed: IpAddress;
  try {
    parsed = ipaddr.parse(address);
  } catch {
    return 'unparseable';
  }
  if (parsed.kind() === 'ipv4') {
    const range = parsed.range();
    return PUBLIC_V4_RANGES.has(range) ? undefined : range;
  }
  const v6 = parsed as ipaddr.IPv6;
  const range = v6.range();
  const embedded = embeddedIPv4(v6, range);
  if (embedded !== undefined) {
    const inner = embedded.range();
    return PUBLIC_V4_RANGES.has(inner) ? undefined : `${range}:${inner}`;
  }
  return PUBLIC_V6_RANGES.has(range) ? undefined : range;
}

/**
 * The IPv4 address an IPv6 address stands for, where the mapping is fixed: ::ffff:a.b.c.d (ipv4Mapped),
 * ::ffff:0:a.b.c.d (rfc6145), 64:ff9b::a.b.c.d (the RFC 6052 well-known NAT64 prefix) and 2002:AABB:CCDD::/48 (6to4).
 * The local-use NAT64 prefix 64:ff9b:1::/48 has no fixed position for the address: it stays non-public.
 */
function embeddedIPv4(address: ipaddr.IPv6, range: string): ipaddr.IPv4 | undefined {
  const p = address.parts;
  const fromParts = (high: number, low: number): ipaddr.IPv4 => new ipaddr.IPv4([high >> 8, high & 0xff, low >> 8, low & 0xff]);
  switch (range) {
    case 'ipv4Mapped':
      return address.toIPv4Address();
    case 'rfc6145':
      return fromParts(p[6], p[7]);
    case 'rfc6052':
      return address.match(ipaddr.IPv6.parseCIDR('64:ff9b::/96')) ? fromParts(p[6], p[7]) : undefined;
    case '6to4':
      return fromParts(p[1], p[2]);
    default:
      return undefined;
  }
}

/** One allowlist entry, parsed once. */
type AllowEntry = { readonly kind: 'host'; readonly host: string } | { readonly kind: 'cidr'; readonly range: [IpAddress, number] };

/**
 * NOTIFIER_ALLOWED_DESTINATIONS: hostnames (exact, case-insensitive), IP addresses and CIDRs (v4 and v6) that may
 * be reached even though they are not public. An IPv4-mapped IPv6 address matches the IPv4 entries too.
 */
export class DestinationAllowlist {
  private readonly entries: readonly AllowEntry[];

  constructor(allow: readonly string[]) {
    this.entries = allow.map((raw) => parseEntry(raw));
  }

  allowsHost(host: string): boolean {
    const wanted = normalizeHost(host);
    return this.entries.some((entry) => entry.kind === 'host' && entry.host === wanted);
  }

  allowsAddress(address: string): boolean {
    let candidates: IpAddress[];
    try {
      const parsed = ipaddr.parse(address);
      candidates = [parsed, ipaddr.process(address)];
    } catch {
      return false;
    }
    return this.entries.some((entry) => {
      if (entry.kind !== 'cidr') return false;
      const [network, bits] = entry.range;
      return candidates.some((candidate) => candidate.kind() === network.kind() && candidate.match(network, bits));
    });
  }
}

function parseEntry(raw: string): AllowEntry {
  const value = raw.trim();
  if (value.length === 0) throw new Error('an allowlisted destination must not be empty');
  const bare = value.startsWith('[') && value.endsWith(']') ? value.slice(1, -1) : value;
  if (ipaddr.isValidCIDR(bare)) return { kind: 'cidr', range: ipaddr.parseCIDR(bare) };
  if (ipaddr.isValid(bare) && (ipaddr.IPv4.isValidFourPartDecimal(bare) || ipaddr.IPv6.isValid(bare))) {
    const address = ipaddr.parse(bare);
    return { kind: 'cidr', range: [address, address.kind() === 'ipv4' ? 32 : 128] };
  }
  if (!/^[a-z0-9]([a-z0-9.-]*[a-z0-9])?\.?$/i.test(value)) throw new Error(`allowlisted destination '${value}' is neither a hostname, an IP address nor a CIDR`);
  return { kind: 'host', host: normalizeHost(value) };
}

/** Lower case, without a trailing dot and without IPv6 brackets. */
export function normalizeHost(host: string): string {
  const bare = host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
  return bare.toLowerCase().replace(/\.$/, '');
}
