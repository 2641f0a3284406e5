import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { FastifyRequest } from 'fastify';
import { Strategy } from 'passport-custom';
import { Principal } from '../context/request-context';
import { AccessTokenVerifier, bearerTokenFrom, InvalidAccessTokenError } from './access-token-verifier';
import { ACCESS_TOKEN_VERIFIER } from './authorizer';
import { AppException } from '../errors/app-exception';

/** Passport strategy `access-token`: a bearer JWT from the Authorization header, verified with jose. */
@Injectable()
export class AccessTokenStrategy extends PassportStrategy(Strategy, 'access-token') {
  constructor(@Inject(ACCESS_TOKEN_VERIFIER) private readonly verifier: AccessTokenVerifier) {
    super();
  }

  async validate(request: FastifyRequest): Promise<Principal> {
    const token = bearerTokenFrom(request.headers);
    if (!token)
      throw AppException.unauthenticated(
        'Authentication required: send an access token as "Authorization: Bearer <token>"',
      );
    try {
      return await this.verifier.verify(token);
    } catch (error) {
      if (error instanceof InvalidAccessTokenError) {
        throw AppException.unauthenticated(
          error.message === 'ERR_TOKEN_REVOKED'
            ? 'The access token has been revoked'
            : error.message === 'ERR_JWT_EXPIRED'
              ? 'The access token has expired'
              : 'The access token is invalid',
        );
      }
      throw error;
    }
  }
}
