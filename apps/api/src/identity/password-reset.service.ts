import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { IsNull, MoreThan } from 'typeorm';
import { AppException, runInTenant, UnitOfWork } from '@oversing/platform';
import { API_CONFIG } from '../api.config';
import type { ApiConfig } from '../api.config';
import { Clock } from '../infrastructure/clock';
import { Mailer } from './mailer';
import { PasswordHasher } from './password-hasher';
import { PasswordResetToken } from './password-reset-token.entity';
import { IdentityLookup } from './user.repository';
import { User } from './user.entity';

const TOKEN_TTL_MINUTES = 30;
const digest = (token: string): string => createHash('sha256').update(token).digest('hex');

/**
 * Password reset with single-use tokens that expire after 30 minutes. Requesting one answers the same
 * whether or not the account exists; only a digest of the token is stored.
 */
@Injectable()
export class PasswordResetService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly identities: IdentityLookup,
    private readonly hasher: PasswordHasher,
    private readonly mailer: Mailer,
    private readonly clock: Clock,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
  ) {}

  async request(email: string): Promise<void> {
    const user = await this.identities.findByEmail(email);
    if (!user || user.status !== 'active') return;
    const token = randomBytes(32).toString('base64url');
    await this.uow.repositoryFor(PasswordResetToken).insert({
      tenantId: user.tenantId,
      userId: user.id,
      tokenHash: digest(token),
      expiresAt: new Date(this.clock.now().getTime() + TOKEN_TTL_MINUTES * 60_000),
    });
    await this.mailer.send({
      to: user.email,
      subject: 'Reset your Oversing password',
      text: `Use this link within ${TOKEN_TTL_MINUTES} minutes to choose a new password:\n${this.config.PUBLIC_WEB_URL}/reset-password?token=${token}\n\nIf you did not ask for this, ignore this message.`,
    });
  }

  async reset(token: string, newPassword: string): Promise<void> {
    await this.uow.run(async () => {
      const repo = this.uow.repositoryFor(PasswordResetToken);
      const record = await repo.findOne({
        where: { tokenHash: digest(token), usedAt: IsNull(), expiresAt: MoreThan(this.clock.now()) },
        lock: { mode: 'pessimistic_write' },
      });
      if (!record)
        throw AppException.validation([{ field: 'token', message: 'is invalid, expired or already used' }]);
      await repo.update({ id: record.id }, { usedAt: this.clock.now() });
      const passwordHash = await this.hasher.hash(newPassword);
      await runInTenant(record.tenantId, () =>
        this.uow
          .repositoryFor(User)
          .update({ id: record.userId, tenantId: record.tenantId }, { passwordHash }),
      );
      // Other outstanding reset links of the user stop working too.
      await repo.update({ userId: record.userId, usedAt: IsNull() }, { usedAt: this.clock.now() });
    });
  }
}
