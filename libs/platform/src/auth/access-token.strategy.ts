import { Inject, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { Authenticator } from 'passport';
import { Strategy } from 'passport-custom';
import { Principal } from '../context/request-context';
import { AppException } from '../errors/app-exception';
import { AccessTokenVerifier, accessTokenFrom, InvalidAccessTokenError } from './access-token-verifier';
import { ACCESS_TOKEN_VERIFIER } from './authorizer';

const STRATEGY = 'access-token';

/**
 * The passport strategy `access-token`: a bearer JWT from the Authorization header, verified with jose
 * by the app's AccessTokenVerifier. Each app gets its own passport Authenticator (not passport's global
 * singleton), so two services in one process never replace each other's strategy.
 */
@Injectable()
export class AccessTokenStrategy {
  private readonly passport = new Authenticator();

  constructor(@Inject(ACCESS_TOKEN_VERIFIER) private readonly verifier: AccessTokenVerifier) {
    this.passport.use(
      STRATEGY,
      new Strategy((request, done) => {
        this.validate(request as unknown as FastifyRequest).then(
          (principal) => done(null, principal),
          (error: unknown) => done(error),
        );
      }),
    );
  }

  /** Runs the strategy for a request; resolves with the principal or rejects with a 401 AppException. */
  authenticate(request: FastifyRequest): Promise<Principal> {
    return new Promise((resolve, reject) => {
      const middleware = this.passport.authenticate(
        STRATEGY,
        { session: false },
        (error: unknown, principal?: Principal | false) => {
          if (error) reject(error);
          else if (!principal) reject(AppException.unauthenticated());
          else resolve(principal);
        },
      ) as (req: unknown, res: unknown, next: (err?: unknown) => void) => void;
      middleware(request, {}, (error?: unknown) => reject(error ?? AppException.unauthenticated()));
    });
  }

  private async validate(request: FastifyRequest): Promise<Principal> {
    const presented = accessTokenFrom(request.headers);
    if (!presented) {
      throw AppException.unauthenticated(
        'Authentication required: send an access token as "Authorization: Bearer <token>"',
      );
    }
    const proof = request.headers.dpop;
    try {
      return await this.verifier.verify({
        ...presented,
        proof: typeof proof === 'string' ? proof : undefined,
        method: request.method,
        url: `${request.protocol}://${request.host}${request.url}`,
      });
    } catch (error) {
      if (error instanceof InvalidAccessTokenError) {
        throw AppException.unauthenticated(
          error.message === 'ERR_TOKEN_REVOKED'
            ? 'The access token has been revoked'
            : error.message === 'ERR_JWT_EXPIRED'
              ? 'The access token has expired'
              : error.message === 'ERR_DPOP_PROOF'
                ? 'The access token is DPoP-bound: send it as "Authorization: DPoP <token>" with a valid DPoP proof of its key for this request'
                : 'The access token is invalid',
        );
      }
      throw error;
    }
  }
}
