import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { IsNull, MoreThan } from 'typeorm';
import { AppException, runInTenant, UnitOfWork } from '@oversing/platform';
import { API_CONFIG } from '../api.config';
import type { ApiConfig } from '../api.config';
import { Clock } from '../infrastructure/clock';
import { TenantRepository } from '../tenancy/tenant.repository';
import { renderMail } from './mail-layout';
import { Mailer } from './mailer';
import { PasswordHasher } from './password-hasher';
import { AccountTokenPurpose, PasswordResetToken } from './password-reset-token.entity';
import { IdentityLookup } from './user.repository';
import { User } from './user.entity';

export const RESET_TOKEN_TTL_MINUTES = 30;
export const INVITATION_TTL_DAYS = 7;
const digest = (token: string): string => createHash('sha256').update(token).digest('hex');

/** Where a mailed link leads: the authorization server's own set-password page. */
export const setPasswordPath = '/account/password/reset';

/**
 * Single-use links by mail: password reset (30 minutes) and invitation (7 days). Requesting a reset
 * answers the same whether or not the account exists; only a SHA-256 digest of a token is stored;
 * using a link ends every other open link of the user.
 */
@Injectable()
export class PasswordResetService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly identities: IdentityLookup,
    private readonly tenants: TenantRepository,
    private readonly hasher: PasswordHasher,
    private readonly mailer: Mailer,
    private readonly clock: Clock,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
  ) {}

  async request(email: string): Promise<void> {
    const user = await this.identities.findByEmail(email);
    if (!user || user.status !== 'active') return;
    const { id, token } = await this.issue(user, 'password_reset');
    const tenant = await this.tenants.findById(user.tenantId);
    await this.mailer.send({
      to: user.email,
      kind: 'password_reset',
      key: `password-reset-${id}`,
      subject: 'Reset your Oversing password',
      ...renderMail({
        tenantName: tenant?.name ?? 'Oversing',
        heading: 'Choose a new password',
        paragraphs: [
          `Hello ${user.name},`,
          `someone (hopefully you) asked to reset the password of ${user.email}.`,
        ],
        action: { label: 'Choose a new password', url: this.linkFor(token) },
        footnote: `The link works once, within ${RESET_TOKEN_TTL_MINUTES} minutes. If you did not ask for this, ignore this message: your password stays as it is.`,
      }),
    });
  }

  /**
   * Mails an invitation to a user whose account waits for a password (status `invited`). Call after the
   * user's row is committed.
   */
  async invite(user: User, invitedBy: string): Promise<void> {
    const { id, token } = await this.issue(user, 'invitation');
    const tenant = await this.tenants.findById(user.tenantId);
    const tenantName = tenant?.name ?? 'Oversing';
    await this.mailer.send({
      to: user.email,
      kind: 'invitation',
      key: `invitation-${id}`,
      subject: `${invitedBy} invited you to ${tenantName} on Oversing`,
      ...renderMail({
        tenantName,
        heading: `Join ${tenantName} on Oversing`,
        paragraphs: [
          `Hello ${user.name},`,
          `${invitedBy} invited you to ${tenantName}. Choose a password to activate your account; then sign in with ${user.email}.`,
        ],
        action: { label: 'Set your password', url: this.linkFor(token) },
        footnote: `The link works once, within ${INVITATION_TTL_DAYS} days.`,
      }),
    });
  }

  /** What a link is for, while it is still usable; null when it is unknown, used or expired. */
  async inspect(token: string): Promise<{ purpose: AccountTokenPurpose; email: string } | null> {
    const record = await this.uow.repositoryFor(PasswordResetToken).findOne({
      where: { tokenHash: digest(token), usedAt: IsNull(), expiresAt: MoreThan(this.clock.now()) },
    });
    if (!record) return null;
    const user = await this.identities.findById(record.userId);
    if (!user || user.status === 'erased' || user.status === 'disabled') return null;
    return { purpose: record.purpose, email: user.email };
  }

  /** Sets the password through a link; an invitation's link also activates the account. */
  async reset(token: string, newPassword: string): Promise<AccountTokenPurpose> {
    return this.uow.run(async () => {
      const repo = this.uow.repositoryFor(PasswordResetToken);
      const record = await repo.findOne({
        where: { tokenHash: digest(token), usedAt: IsNull(), expiresAt: MoreThan(this.clock.now()) },
        lock: { mode: 'pessimistic_write' },
      });
      const user = record ? await this.identities.findById(record.userId) : null;
      if (!record || !user || user.status === 'erased' || user.status === 'disabled')
        throw AppException.validation([{ field: 'token', message: 'is invalid, expired or already used' }]);
      await repo.update({ id: record.id }, { usedAt: this.clock.now() });
      const passwordHash = await this.hasher.hash(newPassword);
      await runInTenant(record.tenantId, () =>
        this.uow
          .repositoryFor(User)
          .update(
            { id: record.userId, tenantId: record.tenantId },
            user.status === 'invited' ? { passwordHash, status: 'active' } : { passwordHash },
          ),
      );
      // Other outstanding links of the user stop working too.
      await repo.update({ userId: record.userId, usedAt: IsNull() }, { usedAt: this.clock.now() });
      return record.purpose;
    });
  }

  private async issue(user: User, purpose: AccountTokenPurpose): Promise<{ id: string; token: string }> {
    const token = randomBytes(32).toString('base64url');
    const ttlMs =
      purpose === 'invitation' ? INVITATION_TTL_DAYS * 86_400_000 : RESET_TOKEN_TTL_MINUTES * 60_000;
    const saved = await this.uow.repositoryFor(PasswordResetToken).save({
      tenantId: user.tenantId,
      userId: user.id,
      tokenHash: digest(token),
      purpose,
      expiresAt: new Date(this.clock.now().getTime() + ttlMs),
    });
    return { id: saved.id, token };
  }

  private linkFor(token: string): string {
    return `${this.config.issuer}${setPasswordPath}?token=${token}`;
  }
}
