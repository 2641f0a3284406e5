import { Injectable } from '@nestjs/common';
import { AppException, Principal, scopesAllow } from '@oversing/platform';
import { Permission } from '../access/permissions';
import { PolicyService } from '../access/policy.service';
import { AuditRecorder } from '../audit/audit-recorder';
import { DomainEventBus } from '../events/domain-event-bus';
import { publicUser } from '../identity/user.entity';
import { PrivacyRepository } from './privacy.repository';

export const EXPORT_FORMAT = 'oversing.user-export/v1';

/**
 * Everything the tenant holds about one user, as one JSON document (GDPR art. 15 and 20). The user
 * may export themselves; anyone else needs users:write. The export itself is audited.
 */
@Injectable()
export class ExportUserDataUseCase {
  constructor(
    private readonly privacy: PrivacyRepository,
    private readonly policy: PolicyService,
    private readonly audit: AuditRecorder,
    private readonly bus: DomainEventBus,
  ) {}

  async execute(principal: Principal, userId: string): Promise<Record<string, unknown>> {
    const self = principal.kind === 'user' && principal.id === userId;
    if (!self) {
      if (!scopesAllow(principal.scopes, Permission.UsersWrite, principal.kind))
        throw AppException.forbidden(`The access token lacks the scope for ${Permission.UsersWrite}`);
      const decision = await this.policy.authorize(principal, Permission.UsersWrite, {
        type: 'user',
        id: userId,
      });
      if (decision === 'not_found') throw AppException.notFound('User');
      if (decision === 'deny')
        throw AppException.forbidden(`You do not have the permission ${Permission.UsersWrite}`);
    }
    return this.bus.transaction(async () => {
      const user = await this.privacy.findById(userId);
      if (!user) throw AppException.notFound('User');
      const document = {
        format: EXPORT_FORMAT,
        exported_at: new Date().toISOString(),
        profile: publicUser(user),
        role_assignments: await this.privacy.roleAssignments(userId),
        group_memberships: await this.privacy.groupMemberships(userId),
        tasks_created: await this.privacy.tasksCreated(userId),
        tasks_assigned: await this.privacy.tasksAssigned(userId),
        work_logs: await this.privacy.workLogs(userId),
        time_cards: await this.privacy.timeCards(userId),
        votes: await this.privacy.votes(userId),
        audit_entries: await this.privacy.auditEntries(userId),
      };
      await this.audit.record({
        entityType: 'user',
        entityId: userId,
        action: 'data_exported',
        before: null,
        after: null,
        metadata: { self },
      });
      return document;
    });
  }
}
