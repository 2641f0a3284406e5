import Tokens from '@fastify/csrf';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppException } from '@oversing/platform';

const COOKIE = 'oversing_csrf';
const tokens = new Tokens({ userInfo: false });

/**
 * CSRF protection for the server-rendered forms (sign-in, consent, password pages): a per-browser secret in a
 * signed, HttpOnly, SameSite cookie, and a token derived from it in each form (synchronizer token).
 */
export function issueCsrfToken(
  request: FastifyRequest,
  reply: FastifyReply,
  path: '/oauth/interaction' | '/account' = '/oauth/interaction',
): string {
  const existing = readSecret(request);
  const secret = existing ?? tokens.secretSync();
  if (!existing) {
    void reply.setCookie(COOKIE, secret, {
      signed: true,
      httpOnly: true,
      sameSite: 'lax',
      path,
      secure: request.protocol === 'https',
    });
  }
  return tokens.create(secret);
}

export function verifyCsrfToken(request: FastifyRequest): void {
  const secret = readSecret(request);
  const token = (request.body as Record<string, unknown> | undefined)?._csrf;
  if (!secret || typeof token !== 'string' || !tokens.verify(secret, token)) {
    throw AppException.forbidden(
      'The form has expired or was not sent from this site; reload the page and try again',
    );
  }
}

function readSecret(request: FastifyRequest): string | undefined {
  const raw = request.cookies?.[COOKIE];
  if (!raw) return undefined;
  const unsigned = request.unsignCookie(raw);
  return unsigned.valid && unsigned.value ? unsigned.value : undefined;
}
