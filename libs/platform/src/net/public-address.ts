import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';

/** IPv4-compatible IPv6 (::/96, deprecated) that ipaddr.js still calls unicast: `[::127.0.0.1]`. */
const IPV4_COMPATIBLE = ipaddr.parseCIDR('::/96');

/** A list of CIDRs that outbound requests may reach although they are not public (development, tests). */
export type AddressAllowlist = [ipaddr.IPv4 | ipaddr.IPv6, number][];

/**
 * `OUTBOUND_ALLOWLIST`: comma-separated CIDRs (`127.0.0.1/32,::1/128`) outbound requests may reach
 * although they are not public; a bare address means that address alone. Throws on a malformed entry.
 */
export function parseAddressAllowlist(value: string | undefined): AddressAllowlist {
  return (value ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => {
      if (entry.includes('/')) return ipaddr.parseCIDR(entry);
      const address = ipaddr.parse(entry);
      return [address, address.kind() === 'ipv4' ? 32 : 128];
    });
}

function allowed(address: ipaddr.IPv4 | ipaddr.IPv6, allowlist: AddressAllowlist): boolean {
  return allowlist.some(([range, bits]) => address.kind() === range.kind() && address.match(range, bits));
}

/**
 * Whether an outbound request may connect to this IP address: only the public unicast internet, so not
 * loopback, private, link-local, carrier-grade NAT, benchmarking, multicast, broadcast, unspecified,
 * reserved or documentation ranges, IPv6 unique-local, IPv4-mapped and IPv4-compatible addresses, NAT64
 * (64:ff9b::/96, 64:ff9b:1::/48), 6to4 and Teredo (which embed an IPv4 address of their choosing) —
 * unless the allowlist names it.
 */
export function isReachableAddress(address: string, allowlist: AddressAllowlist = []): boolean {
  if (!isIP(address)) return false;
  const parsed = ipaddr.parse(address);
  if (allowed(parsed, allowlist)) return true;
  if (parsed.kind() === 'ipv6' && parsed.match(IPV4_COMPATIBLE)) return false;
  return parsed.range() === 'unicast';
}
