import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type Provider from 'oidc-provider';
import { Redis } from 'ioredis';
import { OAUTH_ROUTES } from './oidc-provider.factory';
import { EndpointResult, JwtTokenEndpoints } from './jwt-token-endpoints';

export interface OAuthHttpOptions {
  provider: Provider;
  jwtEndpoints: JwtTokenEndpoints;
  redis: Redis;
  tokenRequestsPerMinute: number;
}

const WELL_KNOWN = new Set(['/.well-known/openid-configuration', '/.well-known/oauth-authorization-server']);

function isProviderPath(path: string): boolean {
  return WELL_KNOWN.has(path) || (path.startsWith('/oauth/') && !path.startsWith('/oauth/interaction/'));
}

/**
 * Hands OAuth requests to oidc-provider before Fastify parses their bodies (the provider reads the raw
 * stream). Adds what the provider leaves to its host: RFC 8414 discovery at oauth-authorization-server,
 * a Redis-backed rate limit on the token endpoints, and JWT access-token revocation/introspection.
 */
export function mountOAuth(fastify: FastifyInstance, options: OAuthHttpOptions): void {
  const callback = options.provider.callback();
  fastify.addHook('onRequest', async (request, reply) => {
    const path = request.url.split('?')[0];
    if (!isProviderPath(path)) return;
    if (path === '/.well-known/oauth-authorization-server')
      request.raw.url = request.raw.url!.replace(path, '/.well-known/openid-configuration');

    const isTokenEndpoint =
      request.method === 'POST' &&
      [OAUTH_ROUTES.token, OAUTH_ROUTES.revocation, OAUTH_ROUTES.introspection].includes(path as never);
    if (isTokenEndpoint) {
      const retryAfter = await rateLimited(
        options.redis,
        `ratelimit:oauth:${request.ip}`,
        options.tokenRequestsPerMinute,
      );
      if (retryAfter)
        return send(reply, {
          status: 429,
          body: { error: 'rate_limited', error_description: 'too many token requests' },
          headers: { 'retry-after': String(retryAfter) },
        });
    }
    if (
      request.method === 'POST' &&
      (path === OAUTH_ROUTES.revocation || path === OAUTH_ROUTES.introspection)
    ) {
      const raw = await readBody(request);
      (request.raw as unknown as { body: string }).body = raw;
      const params = new URLSearchParams(raw);
      const token = params.get('token') ?? undefined;
      if (JwtTokenEndpoints.isJwt(token) && params.getAll('token').length === 1) {
        const authorization = request.headers.authorization;
        const result =
          path === OAUTH_ROUTES.revocation
            ? await options.jwtEndpoints.revoke(params, authorization)
            : await options.jwtEndpoints.introspect(params, authorization);
        return send(reply, result);
      }
    }
    reply.hijack();
    await callback(request.raw, reply.raw);
  });
}

function send(reply: FastifyReply, result: EndpointResult): FastifyReply {
  void reply.status(result.status).header('cache-control', 'no-store');
  for (const [k, v] of Object.entries(result.headers ?? {})) void reply.header(k, v);
  return result.body === '' ? reply.send() : reply.send(result.body);
}

async function readBody(request: FastifyRequest): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request.raw) {
    size += (chunk as Buffer).length;
    if (size > 56 * 1024)
      throw Object.assign(new Error('body too large'), {
        statusCode: 413,
        code: 'FST_ERR_CTP_BODY_TOO_LARGE',
      });
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Fixed one-minute window per key; returns seconds to wait when over the limit. */
async function rateLimited(redis: Redis, key: string, limit: number): Promise<number> {
  const [[, count], , [, ttl]] = (await redis.multi().incr(key).expire(key, 60, 'NX').ttl(key).exec()) as [
    [unknown, number],
    [unknown, unknown],
    [unknown, number],
  ];
  return count > limit ? Math.max(1, ttl) : 0;
}
