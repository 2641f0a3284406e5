import { Inject, Injectable } from '@nestjs/common';
import { Redis } from 'ioredis';
import { API_CONFIG } from '../api.config';
import type { ApiConfig } from '../api.config';
import { REDIS } from '../infrastructure/infrastructure.module';

/**
 * Counts failed sign-ins per account name (whether or not it exists, so lockout reveals nothing) and per
 * client IP. After LOGIN_MAX_FAILURES within the window further attempts are refused until it ends.
 */
@Injectable()
export class LoginThrottle {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
  ) {}

  private keys(email: string, ip: string): string[] {
    return [`login:fail:email:${email.trim().toLowerCase()}`, `login:fail:ip:${ip}`];
  }

  /** Seconds until the lockout ends, or 0 when sign-in may be attempted. */
  async lockedFor(email: string, ip: string): Promise<number> {
    const [emailKey, ipKey] = this.keys(email, ip);
    const [[, emailCount], [, ipCount], [, emailTtl], [, ipTtl]] = (await this.redis
      .multi()
      .get(emailKey)
      .get(ipKey)
      .ttl(emailKey)
      .ttl(ipKey)
      .exec()) as [unknown, string | null][] as unknown as [
      [unknown, string | null],
      [unknown, string | null],
      [unknown, number],
      [unknown, number],
    ];
    const max = this.config.LOGIN_MAX_FAILURES;
    if (Number(emailCount ?? 0) >= max) return Math.max(1, emailTtl);
    if (Number(ipCount ?? 0) >= this.config.LOGIN_MAX_FAILURES_PER_IP) return Math.max(1, ipTtl);
    return 0;
  }

  async recordFailure(email: string, ip: string): Promise<void> {
    const multi = this.redis.multi();
    for (const key of this.keys(email, ip))
      multi.incr(key).expire(key, this.config.LOGIN_LOCKOUT_SECONDS, 'NX');
    await multi.exec();
  }

  async reset(email: string): Promise<void> {
    await this.redis.del(this.keys(email, '')[0]);
  }
}
