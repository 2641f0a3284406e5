import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  AppException,
  assertVersionMatches,
  decodeCursor,
  encodeCursor,
  Enveloped,
  Principal,
  UnitOfWork,
} from '@oversing/platform';
import { AccessRepository } from '../access/access.repository';
import { PolicyService } from '../access/policy.service';
import { ResourceHierarchy } from '../access/resource-hierarchy';
import { AssignRoleDto, CreateUserDto, InviteUserDto, UpdateUserDto } from './dto/user.dto';
import { PasswordHasher } from './password-hasher';
import { PasswordResetService } from './password-reset.service';
import { publicUser, User } from './user.entity';
import { IdentityLookup, UserRepository } from './user.repository';

@Injectable()
export class UsersService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly users: UserRepository,
    private readonly identities: IdentityLookup,
    private readonly access: AccessRepository,
    private readonly policy: PolicyService,
    private readonly hasher: PasswordHasher,
    private readonly hierarchy: ResourceHierarchy,
    private readonly links: PasswordResetService,
  ) {
    hierarchy.register('user', async (id) =>
      (await this.users.findById(id)) ? [{ type: 'user', id }] : null,
    );
  }

  async me(principal: Principal): Promise<Record<string, unknown>> {
    if (principal.kind === 'client') {
      return {
        kind: 'client',
        client_id: principal.clientId,
        tenant_id: principal.tenantId,
        scopes: principal.scopes,
      };
    }
    const user = await this.users.findById(principal.id);
    if (!user) throw AppException.notFound('User');
    const permissions = await this.policy.permissionsOf(principal);
    return {
      kind: 'user',
      ...publicUser(user, principal.roles),
      scopes: principal.scopes,
      permissions: permissions.tenant,
      context_permissions: permissions.contexts,
    };
  }

  async list(query: { limit?: string; cursor?: string }): Promise<Enveloped<Record<string, unknown>[]>> {
    const limit = query.limit === undefined ? 25 : Number(query.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > 100) {
      throw AppException.validation([{ field: 'limit', message: 'must be an integer between 1 and 100' }]);
    }
    const after = query.cursor ? decodeCursor(query.cursor) : undefined;
    const rows = await this.users.list(
      limit,
      after?.[0] as string | undefined,
      after?.[1] as string | undefined,
    );
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    const next = rows.length > limit && last ? encodeCursor([last.email.toLowerCase(), last.id]) : null;
    return new Enveloped(
      page.map((u) => publicUser(u)),
      { count: page.length, next_cursor: next, has_more: next !== null },
      {
        next: next ? `/api/v1/users?cursor=${next}&limit=${limit}` : null,
      },
    );
  }

  async get(id: string): Promise<Record<string, unknown>> {
    const user = await this.users.findById(id);
    if (!user) throw AppException.notFound('User');
    return publicUser(user, await this.policy.tenantRolesOf(user.id));
  }

  async create(dto: CreateUserDto): Promise<Record<string, unknown>> {
    return this.uow.run(async () => {
      if (await this.identities.findByEmail(dto.email)) {
        throw AppException.conflict('A user with this email already exists', [
          { field: 'email', message: 'is already taken' },
        ]);
      }
      const user = await this.users.insert({
        email: dto.email.trim(),
        name: dto.name.trim(),
        passwordHash: await this.hasher.hash(dto.password),
        status: 'active',
        totpEnabled: false,
        totpSecret: null,
      });
      for (const key of dto.roles ?? []) await this.assignRole(user.id, { role: key });
      return publicUser(user, await this.policy.tenantRolesOf(user.id));
    });
  }

  /**
   * Creates the account without a usable password (status `invited`) and mails a link to set one; the
   * account becomes active when the link is used.
   */
  async invite(dto: InviteUserDto, principal: Principal): Promise<Record<string, unknown>> {
    const user = await this.uow.run(async () => {
      if (await this.identities.findByEmail(dto.email)) {
        throw AppException.conflict('A user with this email already exists', [
          { field: 'email', message: 'is already taken' },
        ]);
      }
      const invited = await this.users.insert({
        email: dto.email.trim(),
        name: dto.name.trim(),
        passwordHash: await this.hasher.hash(randomBytes(32).toString('base64url')),
        status: 'invited',
        totpEnabled: false,
        totpSecret: null,
      });
      for (const key of dto.roles ?? []) await this.assignRole(invited.id, { role: key });
      return invited;
    });
    await this.links.invite(user, await this.nameOf(principal));
    return publicUser(user, await this.policy.tenantRolesOf(user.id));
  }

  /** Mails a fresh invitation link to a user who has not accepted yet. */
  async resendInvitation(id: string, principal: Principal): Promise<void> {
    const user = await this.users.findById(id);
    if (!user) throw AppException.notFound('User');
    if (user.status !== 'invited')
      throw AppException.conflict('This user has already accepted the invitation', [
        { field: 'status', message: `is ${user.status}` },
      ]);
    await this.links.invite(user, await this.nameOf(principal));
  }

  private async nameOf(principal: Principal): Promise<string> {
    if (principal.kind !== 'user') return 'An administrator';
    return (await this.users.findById(principal.id))?.name ?? 'An administrator';
  }

  async update(
    id: string,
    dto: UpdateUserDto,
    ifMatch: number | undefined,
  ): Promise<Record<string, unknown>> {
    return this.uow.run(async () => {
      const user = await this.users.findById(id);
      if (!user) throw AppException.notFound('User');
      assertVersionMatches('user', user.version, ifMatch);
      if (dto.name !== undefined) user.name = dto.name.trim();
      if (dto.status !== undefined) user.status = dto.status;
      const saved = await this.users.save(user);
      return publicUser(saved);
    });
  }

  async assignRole(userId: string, dto: AssignRoleDto): Promise<void> {
    const contextType = dto.context_type ?? 'tenant';
    if ((contextType === 'tenant') !== (dto.context_id === undefined)) {
      throw AppException.validation([
        {
          field: 'context_id',
          message:
            contextType === 'tenant'
              ? 'must be omitted for tenant-wide roles'
              : 'is required for program and task roles',
        },
      ]);
    }
    const [user, role] = await Promise.all([
      this.users.findById(userId),
      this.access.findRoleByKey(dto.role),
    ]);
    if (!user) throw AppException.notFound('User');
    if (contextType !== 'tenant') {
      const exists =
        this.hierarchy.has(contextType) &&
        (await this.hierarchy.chainOf({ type: contextType, id: dto.context_id! })) !== null;
      if (!exists)
        throw AppException.validation([
          { field: 'context_id', message: `no ${contextType} with this id in the tenant` },
        ]);
    }
    if (!role) throw AppException.validation([{ field: 'role', message: `unknown role "${dto.role}"` }]);
    await this.access.assign({
      roleId: role.id,
      principalType: 'user',
      principalId: user.id,
      contextType,
      contextId: dto.context_id ?? null,
    });
  }

  async unassignRole(userId: string, dto: AssignRoleDto): Promise<void> {
    const role = await this.access.findRoleByKey(dto.role);
    if (!role) throw AppException.validation([{ field: 'role', message: `unknown role "${dto.role}"` }]);
    const removed = await this.access.unassign({
      roleId: role.id,
      principalType: 'user',
      principalId: userId,
      contextType: dto.context_type ?? 'tenant',
      contextId: dto.context_id ?? null,
    });
    if (!removed) throw AppException.notFound('Role assignment');
  }

  findEntity(id: string): Promise<User | null> {
    return this.users.findById(id);
  }
}
