import { Injectable } from '@nestjs/common';
import { AppException, ErrorCode, Principal, UnitOfWork } from '@oversing/platform';
import { AccessRepository } from './access.repository';
import { PolicyService } from './policy.service';

export interface CreateRoleCommand {
  principal: Principal;
  key: string;
  name: string;
  description?: string;
  /** key of the role whose permissions this one inherits */
  inherits?: string;
  permissions: string[];
}

/**
 * Creates a custom role of the tenant. Nobody can hand out more than they hold: every permission the
 * role would grant (its own and the inherited ones) must be held by the creator tenant-wide.
 */
@Injectable()
export class CreateRoleUseCase {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly access: AccessRepository,
    private readonly policy: PolicyService,
  ) {}

  async execute(command: CreateRoleCommand) {
    return this.uow.run(async () => {
      const roles = await this.access.listRoles();
      if (roles.some((r) => r.key === command.key))
        throw AppException.conflict('A role with this key already exists', [
          { field: 'key', message: 'is already taken' },
        ]);
      const parent = command.inherits ? roles.find((r) => r.key === command.inherits) : undefined;
      if (command.inherits && !parent)
        throw AppException.validation([{ field: 'inherits', message: `unknown role "${command.inherits}"` }]);

      const granted = new Set(command.permissions);
      for (let role = parent; role; role = roles.find((r) => r.id === role!.parentRoleId))
        for (const permission of role.permissions) granted.add(permission);
      const beyond: string[] = [];
      for (const permission of granted)
        if ((await this.policy.authorize(command.principal, permission)) !== 'allow') beyond.push(permission);
      if (beyond.length)
        throw new AppException(
          ErrorCode.FORBIDDEN,
          'A role cannot grant permissions you do not hold yourself',
          beyond.sort().map((p) => ({ field: 'permissions', message: `you do not hold ${p}` })),
        );

      const role = await this.access.insertRole(
        {
          key: command.key,
          name: command.name.trim(),
          description: command.description?.trim() ?? '',
          parentRoleId: parent?.id ?? null,
          system: false,
        },
        [...new Set(command.permissions)],
      );
      return {
        id: role.id,
        key: role.key,
        name: role.name,
        description: role.description,
        inherits: parent?.key ?? null,
        permissions: [...new Set(command.permissions)].sort(),
        system: false,
      };
    });
  }
}
