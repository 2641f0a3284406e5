import { isIP } from 'node:net';
import type { ErrorDetail } from '@oversing/platform';

function isPrivateAddress(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (bare === 'localhost' || bare.endsWith('.localhost') || bare.endsWith('.internal')) return true;
  const version = isIP(bare);
  if (version === 4) {
    const [a, b] = bare.split('.').map(Number);
    return (
      a === 10 ||
      a === 127 ||
      a === 0 ||
      (a === 169 && b === 254) ||
      (a === 172 && b >= 16 && b <= 31) ||
      (a === 192 && b === 168) ||
      (a === 100 && b >= 64 && b <= 127)
    );
  }
  if (version === 6)
    return (
      bare === '::1' ||
      bare === '::' ||
      /^f[cd]/.test(bare) ||
      bare.startsWith('fe80') ||
      bare.startsWith('::ffff:')
    );
  return false;
}

/**
 * Where a webhook may point. Everywhere: an absolute http(s) URL without credentials or fragment.
 * In production: https only, and not a loopback, link-local or private address literal (a first SSRF
 * guard; names resolving to private addresses must be blocked by egress policy).
 */
export function webhookUrlProblem(raw: string, production: boolean): ErrorDetail | null {
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
  if (production && isPrivateAddress(url.hostname))
    return { field: 'url', message: 'must not point to a loopback or private address' };
  return null;
}
