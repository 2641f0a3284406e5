import { isIP } from 'node:net';
import { type AddressAllowlist, type ErrorDetail, isReachableAddress } from '@oversing/platform';

/** The address a host literal stands for: an IP literal, or loopback for `localhost` names. */
function literalAddress(hostname: string): string | undefined {
  const bare = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (isIP(bare)) return bare;
  if (bare === 'localhost' || bare.endsWith('.localhost')) return '127.0.0.1';
  return undefined;
}

/**
 * Where a webhook may point, checked when it is saved: an absolute http(s) URL without credentials or
 * fragment, https in production, and never an address outside the public internet given literally
 * (loopback, private, link-local, metadata, CGNAT, reserved, IPv4-mapped, NAT64, …; the URL parser has
 * already turned `0x7f000001` into `127.0.0.1`) unless OUTBOUND_ALLOWLIST names it. Names are checked
 * again at every delivery, after DNS resolution (OutboundFetch), which is what stops a name that resolves
 * inside the network.
 */
export function webhookUrlProblem(
  raw: string,
  production: boolean,
  allowlist: AddressAllowlist = [],
): ErrorDetail | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { field: 'url', message: 'must be an absolute http(s) URL' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    return { field: 'url', message: 'must be an absolute http(s) URL' };
  if (url.username || url.password) return { field: 'url', message: 'must not contain credentials' };
  if (url.hash) return { field: 'url', message: 'must not contain a fragment' };
  if (production && url.protocol !== 'https:') return { field: 'url', message: 'must use https' };
  const address = literalAddress(url.hostname);
  if (address !== undefined && !isReachableAddress(address, allowlist))
    return { field: 'url', message: 'must not point to a loopback, private or otherwise non-public address' };
  return null;
}
