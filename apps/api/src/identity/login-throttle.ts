import { Inject, Injectable } from '@nestjs/common';
import { Redis } from 'ioredis';
import { API_CONFIG } from '../api.config';
import type { ApiConfig } from '../api.config';
import { REDIS } from '../infrastructure/infrastructure.module';

/**
 * Reserves a sign-in attempt atomically, before the password is checked (so parallel guesses cannot all
 * pass a check made before any of them failed):
 * - refused while the account+IP pair waits out its delay, or while the IP passed its failure budget;
 * - otherwise the attempt is counted at once for the pair and the IP; from the LOGIN_MAX_FAILURES-th
 *   attempt of a pair on, each further attempt must wait LOGIN_BACKOFF_BASE_SECONDS × 2^k (k = 0, 1, 2…,
 *   capped at LOGIN_LOCKOUT_SECONDS). Returns [1, 0] when the attempt may go on, [0, ms] when refused.
 * Counting per account *and* IP means failures from elsewhere never lock the owner out (no targeted DoS).
 */
const RESERVE = `
local now = tonumber(ARGV[1])
local maxPair = tonumber(ARGV[2])
local maxIp = tonumber(ARGV[3])
local window = tonumber(ARGV[4])
local baseMs = tonumber(ARGV[5])
local capMs = tonumber(ARGV[6])
local waitMs = redis.call('PTTL', KEYS[3])
if waitMs > 0 then return {0, waitMs} end
if tonumber(redis.call('GET', KEYS[2]) or '0') >= maxIp then return {0, math.max(redis.call('PTTL', KEYS[2]), 1000)} end
local count = redis.call('INCR', KEYS[1])
redis.call('EXPIRE', KEYS[1], window)
redis.call('INCR', KEYS[2])
redis.call('EXPIRE', KEYS[2], window, 'NX')
if count >= maxPair then
  local delay = math.min(baseMs * math.pow(2, count - maxPair), capMs)
  redis.call('SET', KEYS[3], '1', 'PX', math.floor(delay))
end
return {1, 0}
`;

@Injectable()
export class LoginThrottle {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
  ) {}

  private keys(email: string, ip: string): [pair: string, ip: string, wait: string] {
    const account = email.trim().toLowerCase();
    return [`login:fail:pair:${account}|${ip}`, `login:fail:ip:${ip}`, `login:wait:${account}|${ip}`];
  }

  /**
   * Counts this attempt before the password check. Returns 0 when it may go on, or the seconds to wait.
   */
  async reserveAttempt(email: string, ip: string): Promise<number> {
    const [allowed, waitMs] = (await this.redis.eval(
      RESERVE,
      3,
      ...this.keys(email, ip),
      Date.now(),
      this.config.LOGIN_MAX_FAILURES,
      this.config.LOGIN_MAX_FAILURES_PER_IP,
      this.config.LOGIN_LOCKOUT_SECONDS,
      this.config.LOGIN_BACKOFF_BASE_SECONDS * 1000,
      this.config.LOGIN_LOCKOUT_SECONDS * 1000,
    )) as [number, number];
    return allowed === 1 ? 0 : Math.max(1, Math.ceil(waitMs / 1000));
  }

  /** The attempt did not test a secret (the second factor is still to come): it does not count. */
  async refund(email: string, ip: string): Promise<void> {
    const [pair, ipKey] = this.keys(email, ip);
    await this.redis.multi().decr(pair).decr(ipKey).exec();
  }

  /** A successful sign-in clears the pair's count and delay and gives its attempt back to the IP. */
  async reset(email: string, ip: string): Promise<void> {
    const [pair, ipKey, wait] = this.keys(email, ip);
    await this.redis.multi().del(pair, wait).decr(ipKey).exec();
  }
}
