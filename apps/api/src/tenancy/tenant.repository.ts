import { Injectable } from '@nestjs/common';
import { UnitOfWork } from '@oversing/platform';
import { Tenant } from './tenant.entity';

/** Tenants are the root of scoping, so this is the one repository that is not tenant-scoped. */
@Injectable()
export class TenantRepository {
  constructor(private readonly uow: UnitOfWork) {}

  findBySlug(slug: string): Promise<Tenant | null> {
    return this.uow.repositoryFor(Tenant).findOne({ where: { slug } });
  }

  findById(id: string): Promise<Tenant | null> {
    return this.uow.repositoryFor(Tenant).findOne({ where: { id } });
  }

  insert(values: Pick<Tenant, 'slug' | 'name'>): Promise<Tenant> {
    return this.uow.repositoryFor(Tenant).save(values);
  }
}
