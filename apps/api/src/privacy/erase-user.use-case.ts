import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AppException, Principal, RevocationList } from '@oversing/platform';
import { AuditRecorder } from '../audit/audit-recorder';
import { DomainEventBus } from '../events/domain-event-bus';
import { PasswordHasher } from '../identity/password-hasher';
import { publicUser } from '../identity/user.entity';
import { PrivacyRepository } from './privacy.repository';

/**
 * Erasure by pseudonymization (GDPR art. 17): the user row keeps its id, so tasks, work logs, votes,
 * invoices and the audit trail still resolve, but name and email become placeholders, the password
 * hash is replaced by one of a random secret nobody knows, the second factor is removed, the status
 * becomes `erased` (which refuses sign-in), role assignments, group memberships and reset tokens go,
 * and every OAuth grant is deleted and its live access tokens revoked. The audit event records that
 * the erasure happened, never the erased values. Tenant administrators only; never yourself.
 */
@Injectable()
export class EraseUserUseCase {
  constructor(
    private readonly privacy: PrivacyRepository,
    private readonly hasher: PasswordHasher,
    private readonly audit: AuditRecorder,
    private readonly bus: DomainEventBus,
    private readonly revocation: RevocationList,
  ) {}

  async execute(principal: Principal, userId: string): Promise<Record<string, unknown>> {
    if (principal.kind !== 'user')
      throw AppException.forbidden('Only a tenant administrator may erase a user, never a client');
    if (principal.id === userId) throw AppException.unprocessable('You cannot erase yourself');
    const unusableHash = await this.hasher.hash(randomBytes(32).toString('base64url'));
    const { user, grantIds } = await this.bus.transaction(async () => {
      const target = await this.privacy.lockUser(userId);
      if (!target) throw AppException.notFound('User');
      if (target.status === 'erased') throw AppException.conflict('This user has already been erased');
      target.name = `Erased user ${target.id.slice(0, 8)}`;
      target.email = `erased+${target.id}@invalid`;
      target.passwordHash = unusableHash;
      target.totpSecret = null;
      target.totpEnabled = false;
      target.status = 'erased';
      const saved = await this.privacy.save(target);
      const removed = await this.privacy.removeAccessOf(userId);
      const grants = await this.privacy.deleteOAuthArtifactsOf(userId);
      await this.audit.record({
        entityType: 'user',
        entityId: userId,
        action: 'erased',
        before: null,
        after: { id: userId, status: 'erased' },
        metadata: {
          revoked_grants: grants.length,
          removed_role_assignments: removed.roleAssignments,
          removed_group_memberships: removed.groupMemberships,
        },
      });
      await this.bus.publish({
        type: 'user.erased',
        entityType: 'user',
        entityId: userId,
        channels: [`tenant.${saved.tenantId}`],
        payload: { id: userId },
      });
      return { user: saved, grantIds: grants };
    });
    // After commit: live JWT access tokens of the deleted grants stop working at once.
    for (const grantId of grantIds) await this.revocation.revokeGrant(grantId);
    return { ...publicUser(user), revoked_grants: grantIds.length };
  }
}
