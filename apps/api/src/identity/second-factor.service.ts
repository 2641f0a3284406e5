import { Inject, Injectable } from '@nestjs/common';
import { AppException, KEY_ENCRYPTION, Principal } from '@oversing/platform';
import type { KeyEncryption } from '@oversing/platform';
import { Totp } from './totp';
import { UserRepository } from './user.repository';
import { User } from './user.entity';

/** Optional TOTP second factor: set up (secret shown once), confirm with a code to enable, disable with a code. */
@Injectable()
export class SecondFactorService {
  constructor(
    private readonly users: UserRepository,
    private readonly totp: Totp,
    @Inject(KEY_ENCRYPTION) private readonly encryption: KeyEncryption,
  ) {}

  async setup(principal: Principal): Promise<{ secret: string; otpauth_uri: string }> {
    const user = await this.userOf(principal);
    if (user.totpEnabled) throw AppException.conflict('Two-factor authentication is already enabled');
    const secret = this.totp.generateSecret();
    user.totpSecret = await this.encryption.encrypt(Buffer.from(secret), `totp:${user.id}`);
    await this.users.save(user);
    return { secret, otpauth_uri: this.totp.uri(secret, user.email) };
  }

  async enable(principal: Principal, code: string): Promise<void> {
    const user = await this.userOf(principal);
    if (!user.totpSecret) throw AppException.conflict('Set up two-factor authentication first');
    await this.checkCode(user, code);
    user.totpEnabled = true;
    await this.users.save(user);
  }

  async disable(principal: Principal, code: string): Promise<void> {
    const user = await this.userOf(principal);
    if (!user.totpEnabled) throw AppException.conflict('Two-factor authentication is not enabled');
    await this.checkCode(user, code);
    user.totpEnabled = false;
    user.totpSecret = null;
    await this.users.save(user);
  }

  private async checkCode(user: User, code: string): Promise<void> {
    const secret = (await this.encryption.decrypt(user.totpSecret!, `totp:${user.id}`)).toString();
    if (!this.totp.verify(secret, code))
      throw AppException.validation([{ field: 'code', message: 'is not the current code' }]);
  }

  private async userOf(principal: Principal): Promise<User> {
    if (principal.kind !== 'user') throw AppException.forbidden('Only users have a second factor');
    const user = await this.users.findById(principal.id);
    if (!user) throw AppException.notFound('User');
    return user;
  }
}
