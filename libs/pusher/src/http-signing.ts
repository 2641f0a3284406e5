import { constantTimeEqual, hmacSha256Hex, md5Hex } from './signing';

export type QueryParams = Record<string, string | undefined>;

/**
 * The string signed for a Pusher HTTP API request: `METHOD\npath\nquery`, where the query holds every
 * parameter but auth_signature, keys lower-cased and sorted, values as sent (not URL-encoded).
 */
export function httpStringToSign(method: string, path: string, params: QueryParams): string {
  const query = Object.entries(params)
    .filter(([key, value]) => key !== 'auth_signature' && value !== undefined)
    .map(([key, value]) => [key.toLowerCase(), value as string] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, value]) => `${key}=${value}`)
    .join('&');
  return `${method.toUpperCase()}\n${path}\n${query}`;
}

export interface SignRequestInput {
  key: string;
  secret: string;
  method: string;
  path: string;
  /** raw request body (POST); body_md5 is computed from it when present and non-empty */
  body?: string;
  /** extra query parameters (GET filters such as filter_by_prefix, info) */
  params?: Record<string, string>;
  /** seconds since the epoch; now by default */
  timestamp?: number;
}

/** Returns the full query parameters (auth_* and body_md5 included) of a signed HTTP API request. */
export function signHttpRequest(input: SignRequestInput): Record<string, string> {
  const params: Record<string, string> = {
    ...input.params,
    auth_key: input.key,
    auth_timestamp: String(input.timestamp ?? Math.floor(Date.now() / 1000)),
    auth_version: '1.0',
  };
  if (input.body) params.body_md5 = md5Hex(input.body);
  params.auth_signature = hmacSha256Hex(input.secret, httpStringToSign(input.method, input.path, params));
  return params;
}

export type HttpVerification = { ok: true } | { ok: false; status: 400 | 401; reason: string };

export interface VerifyRequestInput {
  secret: string;
  method: string;
  path: string;
  params: QueryParams;
  rawBody?: string | Buffer;
  /** seconds since the epoch; now by default */
  now?: number;
  /** accepted clock skew in seconds (600 per the spec) */
  maxSkewSeconds?: number;
}

/**
 * Verifies a signed HTTP API request: auth_version 1.0, auth_timestamp within the allowed skew, body_md5
 * recomputed from the raw body, and auth_signature compared in constant time. The caller has already
 * looked the app up by auth_key.
 */
export function verifyHttpRequest(input: VerifyRequestInput): HttpVerification {
  const { params } = input;
  if (!params.auth_key || !params.auth_timestamp || !params.auth_signature) {
    return { ok: false, status: 401, reason: 'auth_key, auth_timestamp and auth_signature are required' };
  }
  if (params.auth_version !== undefined && params.auth_version !== '1.0') {
    return { ok: false, status: 400, reason: 'auth_version must be 1.0' };
  }
  const timestamp = Number(params.auth_timestamp);
  const now = input.now ?? Math.floor(Date.now() / 1000);
  if (!Number.isInteger(timestamp) || Math.abs(now - timestamp) > (input.maxSkewSeconds ?? 600)) {
    return { ok: false, status: 401, reason: 'auth_timestamp expired: the clock may be out of sync' };
  }
  const body = input.rawBody ?? '';
  if (body.length > 0) {
    if (!params.body_md5 || !constantTimeEqual(params.body_md5, md5Hex(body))) {
      return { ok: false, status: 401, reason: 'body_md5 does not match the body' };
    }
  } else if (params.body_md5 !== undefined && params.body_md5 !== md5Hex('')) {
    return { ok: false, status: 401, reason: 'body_md5 does not match the body' };
  }
  const expected = hmacSha256Hex(input.secret, httpStringToSign(input.method, input.path, params));
  if (!constantTimeEqual(params.auth_signature, expected)) {
    return { ok: false, status: 401, reason: 'Invalid signature' };
  }
  return { ok: true };
}
