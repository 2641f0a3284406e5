import { Injectable } from '@nestjs/common';
import { AppException, runInTenant, UnitOfWork } from '@oversing/platform';
import { AccessRepository } from '../access/access.repository';
import { SYSTEM_ROLES } from '../access/permissions';
import { Tenant } from './tenant.entity';
import { TenantRepository } from './tenant.repository';

/** Creates a tenant with its system roles, in one transaction. */
@Injectable()
export class TenantProvisioningService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly tenants: TenantRepository,
    private readonly access: AccessRepository,
  ) {}

  async execute(command: { slug: string; name: string }): Promise<Tenant> {
    if (!/^[a-z0-9][a-z0-9-]{0,62}$/.test(command.slug)) {
      throw AppException.validation([
        { field: 'slug', message: 'must be lowercase letters, digits and dashes' },
      ]);
    }
    return this.uow.run(async () => {
      if (await this.tenants.findBySlug(command.slug))
        throw AppException.conflict(`Tenant "${command.slug}" already exists`);
      const tenant = await this.tenants.insert(command);
      await runInTenant(tenant.id, async () => {
        const ids = new Map<string, string>();
        for (const template of SYSTEM_ROLES) {
          const role = await this.access.insertRole(
            {
              key: template.key,
              name: template.name,
              description: template.description,
              parentRoleId: template.parent ? ids.get(template.parent)! : null,
              system: true,
            },
            template.permissions,
          );
          ids.set(template.key, role.id);
        }
      });
      return tenant;
    });
  }
}
