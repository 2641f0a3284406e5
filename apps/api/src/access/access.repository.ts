import { Injectable } from '@nestjs/common';
import { isUuid, UnitOfWork, RequestContext } from '@oversing/platform';
import {
  AccessPermission,
  AccessRole,
  ContextType,
  RoleAssignment,
  UserGroup,
  UserGroupMember,
} from './access.entities';

export interface EffectiveAssignment {
  roleKey: string;
  contextType: ContextType;
  contextId: string | null;
  permissions: string[];
}

/** Roles, permissions, groups and role assignments of the current tenant. */
@Injectable()
export class AccessRepository {
  constructor(private readonly uow: UnitOfWork) {}

  private get tenantId(): string {
    return RequestContext.tenantId();
  }

  async listRoles(): Promise<(AccessRole & { permissions: string[] })[]> {
    const roles = await this.uow
      .repositoryFor(AccessRole)
      .find({ where: { tenantId: this.tenantId }, order: { key: 'ASC' } });
    const perms = await this.uow.repositoryFor(AccessPermission).find({ where: { tenantId: this.tenantId } });
    return roles.map((role) =>
      Object.assign(role, {
        permissions: perms.filter((p) => p.roleId === role.id).map((p) => p.permission),
      }),
    );
  }

  async findRoleByKey(key: string): Promise<AccessRole | null> {
    return this.uow.repositoryFor(AccessRole).findOne({ where: { tenantId: this.tenantId, key } });
  }

  async insertRole(
    values: Pick<AccessRole, 'key' | 'name' | 'description' | 'parentRoleId' | 'system'>,
    permissions: string[],
  ): Promise<AccessRole> {
    const role = await this.uow.repositoryFor(AccessRole).save({ ...values, tenantId: this.tenantId });
    if (permissions.length) {
      await this.uow
        .repositoryFor(AccessPermission)
        .insert(permissions.map((permission) => ({ tenantId: this.tenantId, roleId: role.id, permission })));
    }
    return role;
  }

  async assign(
    values: Pick<RoleAssignment, 'roleId' | 'principalType' | 'principalId' | 'contextType' | 'contextId'>,
  ): Promise<void> {
    await this.uow
      .manager()
      .createQueryBuilder()
      .insert()
      .into(RoleAssignment)
      .values({ ...values, tenantId: this.tenantId })
      .orIgnore()
      .execute();
  }

  async unassign(
    values: Pick<RoleAssignment, 'roleId' | 'principalType' | 'principalId' | 'contextType' | 'contextId'>,
  ): Promise<boolean> {
    const result = await this.uow.repositoryFor(RoleAssignment).delete({
      tenantId: this.tenantId,
      roleId: values.roleId,
      principalType: values.principalType,
      principalId: values.principalId,
      contextType: values.contextType,
      ...(values.contextId ? { contextId: values.contextId } : {}),
    });
    return (result.affected ?? 0) > 0;
  }

  /**
   * Every assignment that applies to a user (directly or through groups), with the permissions of the
   * role and of all its ancestors, in one query (recursive role inheritance).
   */
  async effectiveAssignments(userId: string): Promise<EffectiveAssignment[]> {
    const rows: {
      role_key: string;
      context_type: ContextType;
      context_id: string | null;
      permissions: string[] | null;
    }[] = await this.uow.manager().query(
      `WITH RECURSIVE assigned AS (
           SELECT ra.role_id, ra.context_type, ra.context_id FROM role_assignments ra
            WHERE ra.tenant_id = $1 AND ra.principal_type = 'user' AND ra.principal_id = $2
           UNION
           SELECT ra.role_id, ra.context_type, ra.context_id FROM role_assignments ra
             JOIN user_group_members m ON m.group_id = ra.principal_id AND m.user_id = $2 AND m.tenant_id = $1
            WHERE ra.tenant_id = $1 AND ra.principal_type = 'group'
         ),
         lineage AS (
           SELECT a.role_id AS assigned_role, r.id AS role_id, r.parent_role_id, a.context_type, a.context_id, 0 AS depth
             FROM assigned a JOIN access_roles r ON r.id = a.role_id
           UNION ALL
           SELECT l.assigned_role, p.id, p.parent_role_id, l.context_type, l.context_id, l.depth + 1
             FROM lineage l JOIN access_roles p ON p.id = l.parent_role_id WHERE l.depth < 10
         )
         SELECT r.key AS role_key, l.context_type, l.context_id, array_agg(DISTINCT ap.permission) FILTER (WHERE ap.permission IS NOT NULL) AS permissions
           FROM lineage l
           JOIN access_roles r ON r.id = l.assigned_role
           LEFT JOIN access_permissions ap ON ap.role_id = l.role_id
          GROUP BY r.key, l.context_type, l.context_id`,
      [this.tenantId, userId],
    );
    return rows.map((r) => ({
      roleKey: r.role_key,
      contextType: r.context_type,
      contextId: r.context_id,
      permissions: r.permissions ?? [],
    }));
  }

  async createGroup(name: string): Promise<UserGroup> {
    return this.uow.repositoryFor(UserGroup).save({ tenantId: this.tenantId, name });
  }

  async listGroups(): Promise<UserGroup[]> {
    return this.uow
      .repositoryFor(UserGroup)
      .find({ where: { tenantId: this.tenantId }, order: { name: 'ASC' } });
  }

  async findGroup(id: string): Promise<UserGroup | null> {
    if (!isUuid(id)) return null;
    return this.uow.repositoryFor(UserGroup).findOne({ where: { tenantId: this.tenantId, id } });
  }

  /** Adds a member when the user exists in this tenant; false otherwise. */
  async addGroupMember(groupId: string, userId: string): Promise<boolean> {
    const rows: unknown[] = await this.uow.manager().query(
      `INSERT INTO user_group_members (tenant_id, group_id, user_id)
       SELECT $1, $2, u.id FROM users u WHERE u.id = $3 AND u.tenant_id = $1
       ON CONFLICT DO NOTHING RETURNING user_id`,
      [this.tenantId, groupId, userId],
    );
    return (
      rows.length > 0 ||
      (await this.uow
        .repositoryFor(UserGroupMember)
        .exists({ where: { tenantId: this.tenantId, groupId, userId } }))
    );
  }
}
