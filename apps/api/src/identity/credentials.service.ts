import { Inject, Injectable } from '@nestjs/common';
import { KEY_ENCRYPTION } from '@oversing/platform';
import type { KeyEncryption } from '@oversing/platform';
import { LoginThrottle } from './login-throttle';
import { PasswordHasher } from './password-hasher';
import { Totp } from './totp';
import { IdentityLookup } from './user.repository';
import { User } from './user.entity';

export type SignInResult =
  | { outcome: 'success'; user: User }
  | { outcome: 'invalid' }
  | { outcome: 'totp_required' }
  | { outcome: 'locked'; retryAfterSeconds: number };

/**
 * Checks a sign-in: lockout first, then the password (with equal work whether or not the account
 * exists), then the second factor when the user has enabled it. Failures are counted; success resets.
 */
@Injectable()
export class CredentialsService {
  constructor(
    private readonly identities: IdentityLookup,
    private readonly hasher: PasswordHasher,
    private readonly throttle: LoginThrottle,
    private readonly totp: Totp,
    @Inject(KEY_ENCRYPTION) private readonly encryption: KeyEncryption,
  ) {}

  async signIn(email: string, password: string, ip: string, totpCode?: string): Promise<SignInResult> {
    const locked = await this.throttle.lockedFor(email, ip);
    if (locked > 0) return { outcome: 'locked', retryAfterSeconds: locked };

    const user = await this.identities.findByEmail(email);
    const passwordOk =
      user && user.status === 'active'
        ? await this.hasher.verify(user.passwordHash, password)
        : await this.hasher.verifyAgainstNothing(password);
    if (!user || !passwordOk) {
      await this.throttle.recordFailure(email, ip);
      return { outcome: 'invalid' };
    }
    if (user.totpEnabled && user.totpSecret) {
      if (!totpCode) return { outcome: 'totp_required' };
      const secret = (await this.encryption.decrypt(user.totpSecret, `totp:${user.id}`)).toString();
      if (!this.totp.verify(secret, totpCode)) {
        await this.throttle.recordFailure(email, ip);
        return { outcome: 'invalid' };
      }
    }
    await this.throttle.reset(email);
    return { outcome: 'success', user };
  }
}
