import { Injectable } from '@nestjs/common';
import { isUuid, TenantScopedRepository, UnitOfWork } from '@oversing/platform';
import { User } from '../identity/user.entity';

type Row = Record<string, unknown>;

/**
 * Every query about one person across the tenant's aggregates (data export and erasure). Each query
 * names the tenant from the request context; the user id alone is never enough.
 */
@Injectable()
export class PrivacyRepository extends TenantScopedRepository<User> {
  constructor(uow: UnitOfWork) {
    super(uow, User, 'user');
  }

  /** Loads a user of the tenant and locks the row until the transaction ends. */
  async lockUser(id: string): Promise<User | null> {
    if (!isUuid(id)) return null;
    return this.scopedQuery().andWhere('user.id = :id', { id }).setLock('pessimistic_write').getOne();
  }

  private rows(sql: string, userId: string): Promise<Row[]> {
    return this.uow.manager().query(sql, [this.tenantId, userId]) as Promise<Row[]>;
  }

  roleAssignments(userId: string): Promise<Row[]> {
    return this.rows(
      `SELECT ra.id, r.key AS role, r.name AS role_name, ra.context_type, ra.context_id, ra.created_at
         FROM role_assignments ra JOIN access_roles r ON r.id = ra.role_id
        WHERE ra.tenant_id = $1 AND ra.principal_type = 'user' AND ra.principal_id = $2
        ORDER BY ra.created_at, ra.id`,
      userId,
    );
  }

  groupMemberships(userId: string): Promise<Row[]> {
    return this.rows(
      `SELECT g.id AS group_id, g.name
         FROM user_group_members m JOIN user_groups g ON g.id = m.group_id
        WHERE m.tenant_id = $1 AND m.user_id = $2
        ORDER BY g.name, g.id`,
      userId,
    );
  }

  tasksAssigned(userId: string): Promise<Row[]> {
    return this.rows(
      `SELECT id, program_id, title, description, status, priority, due_date::text AS due_date,
              estimate_minutes, completed_at, created_at, updated_at
         FROM tasks WHERE tenant_id = $1 AND assignee_id = $2
        ORDER BY created_at, id`,
      userId,
    );
  }

  /** Tasks the user created (from the audit trail), with their current state when they still exist. */
  tasksCreated(userId: string): Promise<Row[]> {
    return this.rows(
      `SELECT a.entity_id AS task_id, a.occurred_at AS created_at, a.after_state AS as_created,
              t.title AS current_title, t.status AS current_status, (t.id IS NULL) AS deleted
         FROM audit_outbox a
         LEFT JOIN tasks t ON t.tenant_id = a.tenant_id AND t.id::text = a.entity_id
        WHERE a.tenant_id = $1 AND a.entity_type = 'task' AND a.action = 'created'
          AND a.actor_type = 'user' AND a.actor_id = $2
        ORDER BY a.position`,
      userId,
    );
  }

  workLogs(userId: string): Promise<Row[]> {
    return this.rows(
      `SELECT id, task_id, time_card_id, work_date::text AS work_date, duration_minutes, billable,
              rate_minor, currency, description, invoice_id, created_at, updated_at
         FROM work_logs WHERE tenant_id = $1 AND user_id = $2
        ORDER BY work_date, id`,
      userId,
    );
  }

  timeCards(userId: string): Promise<Row[]> {
    return this.rows(
      `SELECT id, iso_week, week_start::text AS week_start, status, submitted_at, decided_at, decided_by,
              rejection_reason, created_at, updated_at
         FROM time_cards WHERE tenant_id = $1 AND user_id = $2
        ORDER BY week_start, id`,
      userId,
    );
  }

  votes(userId: string): Promise<Row[]> {
    return this.rows(
      `SELECT id, instance_id, transition_id, round, decision, comment, created_at, updated_at
         FROM workflow_instance_votes WHERE tenant_id = $1 AND voter_id = $2
        ORDER BY created_at, id`,
      userId,
    );
  }

  /** Audit events the user caused (actor), oldest first. */
  auditEntries(userId: string): Promise<Row[]> {
    return this.rows(
      `SELECT event_id, entity_type, entity_id, action, ip, user_agent, before_state, after_state,
              metadata, occurred_at
         FROM audit_outbox
        WHERE tenant_id = $1 AND actor_type = 'user' AND actor_id = $2
        ORDER BY position`,
      userId,
    );
  }

  /** Removes the user's role assignments, group memberships, password reset tokens and push subscriptions. */
  async removeAccessOf(userId: string): Promise<{ roleAssignments: number; groupMemberships: number }> {
    const manager = this.uow.manager();
    const [, roles] = (await manager.query(
      `DELETE FROM role_assignments WHERE tenant_id = $1 AND principal_type = 'user' AND principal_id = $2`,
      [this.tenantId, userId],
    )) as [unknown, number];
    const [, groups] = (await manager.query(
      `DELETE FROM user_group_members WHERE tenant_id = $1 AND user_id = $2`,
      [this.tenantId, userId],
    )) as [unknown, number];
    await manager.query(`DELETE FROM password_reset_tokens WHERE tenant_id = $1 AND user_id = $2`, [
      this.tenantId,
      userId,
    ]);
    // Push subscriptions are personal data (the browser's endpoint) and would notify an erased user.
    await manager.query(`DELETE FROM push_subscriptions WHERE tenant_id = $1 AND user_id = $2`, [
      this.tenantId,
      userId,
    ]);
    return { roleAssignments: roles, groupMemberships: groups };
  }

  /**
   * Deletes the user's OAuth artifacts (sessions, grants, codes, refresh tokens) from oidc-provider's
   * store and returns the grant ids, whose live JWT access tokens must go on the revocation list.
   * oidc_payloads has no tenant column: the user id was resolved in the tenant before this is called.
   */
  async deleteOAuthArtifactsOf(userId: string): Promise<string[]> {
    const manager = this.uow.manager();
    const grants = (await manager.query(
      `SELECT DISTINCT coalesce(grant_id, CASE WHEN type = 'Grant' THEN id END) AS grant_id
         FROM oidc_payloads WHERE payload->>'accountId' = $1`,
      [userId],
    )) as { grant_id: string | null }[];
    const grantIds = grants.map((g) => g.grant_id).filter((g): g is string => Boolean(g));
    await manager.query(
      `DELETE FROM oidc_payloads
        WHERE payload->>'accountId' = $1 OR grant_id = ANY($2::text[]) OR (type = 'Grant' AND id = ANY($2::text[]))`,
      [userId, grantIds],
    );
    return grantIds;
  }
}
