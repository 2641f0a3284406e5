import { createHash } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  AppException,
  correlationHeaders,
  currentIdempotencyKey,
  ErrorCode,
  RequestContext,
} from '@oversing/platform';
import { API_CONFIG } from '../api.config';
import type { ApiConfig } from '../api.config';
import { DelegatedTokenIssuer } from '../oauth/delegated-token-issuer';

const KNOWN_CODES = new Set<string>(Object.values(ErrorCode));

/**
 * The certification service as the API's certification module calls it: always on behalf of the caller
 * of the current request, with a delegated token (DelegatedTokenIssuer), so the service sees the real
 * person or client. Its answers pass through: data as is, errors as the same status, code and message
 * (a 403 of its four-eyes rule stays a 403); an unreachable service is a 503.
 *
 * A POST whose caller sent an `Idempotency-Key` carries one derived from it, so a client retrying a write
 * whose answer it lost is a retry at the certification service too: it gets the stored response there
 * instead of a second certification or a 409 "already revoked" (even when the API's own record of the
 * first attempt was lost with it). Without the caller's key no key is sent: only the caller knows which
 * requests are one logical request (a reused request id would merge distinct certifications).
 */
@Injectable()
export class CertificationServiceGateway {
  private readonly logger = new Logger(CertificationServiceGateway.name);
  private readonly baseUrl: string;

  constructor(
    private readonly tokens: DelegatedTokenIssuer,
    @Inject(API_CONFIG) config: ApiConfig,
  ) {
    this.baseUrl = config.CERTIFICATION_URL ?? config.PUBLIC_CERTIFICATION_URL;
  }

  /** The `data` (and `meta`) of the service's answer. */
  async call<T>(
    method: 'GET' | 'POST',
    path: string,
    body?: unknown,
  ): Promise<{ data: T; meta: Record<string, unknown> }> {
    const json = (await this.send(method, path, body)) as { data?: T; meta?: Record<string, unknown> };
    return { data: json.data as T, meta: json.meta ?? {} };
  }

  /** The service's answer as is, for routes without an envelope (the bundle). */
  async raw<T>(path: string): Promise<T> {
    return (await this.send('GET', path)) as T;
  }

  private async send(method: 'GET' | 'POST', path: string, body?: unknown): Promise<unknown> {
    const principal = RequestContext.current()?.principal;
    if (!principal) throw AppException.unauthenticated();
    const token = await this.tokens.tokenFor(principal);
    let response: Response;
    try {
      response = await fetch(new URL(path, this.baseUrl), {
        method,
        headers: {
          accept: 'application/json',
          authorization: `Bearer ${token}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...downstreamKeyHeader(method, path),
          ...forwardedClientHeaders(),
          ...correlationHeaders(),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(10_000),
      });
    } catch (error) {
      this.logger.warn(`certification service ${method} ${path}: ${(error as Error).message}`);
      throw new AppException(ErrorCode.SERVICE_UNAVAILABLE, 'The certification service is unreachable');
    }
    const json = (await response.json().catch(() => ({}))) as {
      error?: { code?: string; message?: string; details?: { field?: string; message: string }[] };
    };
    if (response.ok) return json;
    const code = json.error?.code && KNOWN_CODES.has(json.error.code) ? (json.error.code as ErrorCode) : null;
    if (code && response.status < 500)
      throw new AppException(
        code,
        json.error?.message ?? 'Refused by the certification service',
        json.error?.details ?? [],
      );
    this.logger.warn(`certification service ${method} ${path}: HTTP ${response.status}`);
    throw new AppException(ErrorCode.SERVICE_UNAVAILABLE, 'The certification service could not answer');
  }
}

/**
 * The certification service's key of this call: one per caller's key and call, hashed so it fits the 255
 * characters whatever the caller sent; none for a caller that sent no key, or for a read.
 */
export function downstreamKeyHeader(method: string, path: string): Record<string, string> {
  const key = currentIdempotencyKey();
  if (method !== 'POST' || !key) return {};
  return {
    'idempotency-key': `oversing-api:${createHash('sha256').update(`${key}\n${method} ${path}`).digest('hex')}`,
  };
}

/** The caller's user agent travels along, so the certification service's audit trail shows it. */
function forwardedClientHeaders(): Record<string, string> {
  const userAgent = RequestContext.current()?.userAgent;
  return userAgent ? { 'user-agent': userAgent } : {};
}
