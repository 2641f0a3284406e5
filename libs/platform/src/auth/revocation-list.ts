import type { Redis } from 'ioredis';

/**
 * JWT access tokens are validated offline, so revoking one (or its whole grant) is recorded here and
 * checked by every resource server. Entries live as long as the longest access token could.
 */
export class RevocationList {
  constructor(
    private readonly redis: Redis,
    private readonly ttlSeconds: number,
  ) {}

  async revokeToken(jti: string): Promise<void> {
    await this.redis.set(`revoked:jti:${jti}`, '1', 'EX', this.ttlSeconds);
  }

  async revokeGrant(grantId: string): Promise<void> {
    await this.redis.set(`revoked:grant:${grantId}`, '1', 'EX', this.ttlSeconds);
  }

  async isRevoked(jti: string | undefined, grantId: string | undefined): Promise<boolean> {
    const keys = [jti && `revoked:jti:${jti}`, grantId && `revoked:grant:${grantId}`].filter(
      Boolean,
    ) as string[];
    if (!keys.length) return false;
    return (await this.redis.exists(...keys)) > 0;
  }
}
