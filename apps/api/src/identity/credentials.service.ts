import { Inject, Injectable, Logger } from '@nestjs/common';
import { KEY_ENCRYPTION, RequestContext, runInTenant, UnitOfWork } from '@oversing/platform';
import type { KeyEncryption } from '@oversing/platform';
import { AuditRecorder } from '../audit/audit-recorder';
import { LoginThrottle } from './login-throttle';
import { PasswordHasher } from './password-hasher';
import { Totp } from './totp';
import { IdentityLookup, UserRepository } from './user.repository';
import { User } from './user.entity';

export type SignInResult =
  | { outcome: 'success'; user: User }
  | { outcome: 'invalid' }
  | { outcome: 'totp_required' }
  | { outcome: 'locked'; retryAfterSeconds: number };

/**
 * Checks a sign-in: the attempt is counted first (atomically, per account+IP with progressive delays),
 * then the password (with equal work whether or not the account
 * exists), then the second factor when the user has enabled it. Failures are counted; success resets.
 * A legacy bcrypt hash (accounts imported from the Laravel system) is replaced by an argon2id hash of
 * the same password on the first successful sign-in.
 */
@Injectable()
export class CredentialsService {
  private readonly logger = new Logger(CredentialsService.name);

  constructor(
    private readonly identities: IdentityLookup,
    private readonly hasher: PasswordHasher,
    private readonly throttle: LoginThrottle,
    private readonly totp: Totp,
    @Inject(KEY_ENCRYPTION) private readonly encryption: KeyEncryption,
    private readonly uow: UnitOfWork,
    private readonly users: UserRepository,
    private readonly audit: AuditRecorder,
  ) {}

  async signIn(email: string, password: string, ip: string, totpCode?: string): Promise<SignInResult> {
    // counted before the password is checked: parallel guesses cannot outrun the count
    const locked = await this.throttle.reserveAttempt(email, ip);
    if (locked > 0) return { outcome: 'locked', retryAfterSeconds: locked };

    const user = await this.identities.findByEmail(email);
    const passwordOk =
      user && user.status === 'active'
        ? await this.hasher.verify(user.passwordHash, password)
        : await this.hasher.verifyAgainstNothing(password);
    if (!user || !passwordOk) return { outcome: 'invalid' };
    if (user.totpEnabled && user.totpSecret) {
      if (!totpCode) {
        await this.throttle.refund(email, ip);
        return { outcome: 'totp_required' };
      }
      const secret = (await this.encryption.decrypt(user.totpSecret, `totp:${user.id}`)).toString();
      if (!this.totp.verify(secret, totpCode)) return { outcome: 'invalid' };
    }
    await this.throttle.reset(email, ip);
    if (this.hasher.needsRehash(user.passwordHash)) await this.rehash(user, password);
    return { outcome: 'success', user };
  }

  /** Replaces a legacy bcrypt hash with argon2id; a failure here never fails the sign-in (next time then). */
  private async rehash(user: User, password: string): Promise<void> {
    try {
      const fresh = await this.hasher.hash(password);
      await runInTenant(
        user.tenantId,
        () =>
          this.uow.run(async () => {
            if (!(await this.users.replacePasswordHash(user.id, user.passwordHash, fresh))) return;
            await this.audit.record({
              entityType: 'user',
              entityId: user.id,
              action: 'password_rehashed',
              before: null,
              after: null,
              metadata: { from: 'bcrypt', to: 'argon2id' },
            });
          }),
        { ...RequestContext.current() },
      );
      user.passwordHash = fresh;
    } catch (error) {
      this.logger.warn(
        `could not rehash the legacy password hash of user ${user.id}: ${(error as Error).message}`,
      );
    }
  }
}
