import { EntityTarget, FindOptionsWhere, ObjectLiteral, Repository, SelectQueryBuilder } from 'typeorm';
import { RequestContext } from '../context/request-context';
import { UnitOfWork } from './unit-of-work';

export interface TenantOwned extends ObjectLiteral {
  id: string;
  tenantId: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (value: unknown): value is string => typeof value === 'string' && UUID.test(value);

/**
 * Base of every repository of tenant-owned rows. The tenant comes from the request context and is
 * added to every query it builds; outside a tenant scope every method throws. Subclasses write their
 * queries with `this.scopedQuery()` / `this.scopedWhere()` and never see an unscoped builder.
 */
export abstract class TenantScopedRepository<T extends TenantOwned> {
  protected constructor(
    protected readonly uow: UnitOfWork,
    private readonly entity: EntityTarget<T>,
    protected readonly alias: string,
  ) {}

  protected get tenantId(): string {
    return RequestContext.tenantId();
  }

  protected get repository(): Repository<T> {
    return this.uow.repositoryFor(this.entity);
  }

  protected scopedWhere(where: FindOptionsWhere<T> = {}): FindOptionsWhere<T> {
    return { ...where, tenantId: this.tenantId } as FindOptionsWhere<T>;
  }

  protected scopedQuery(alias = this.alias): SelectQueryBuilder<T> {
    return this.repository
      .createQueryBuilder(alias)
      .where(`${alias}.tenant_id = :tenantId`, { tenantId: this.tenantId });
  }

  async findById(id: string): Promise<T | null> {
    if (!isUuid(id)) return null;
    return this.repository.findOne({ where: this.scopedWhere({ id } as FindOptionsWhere<T>) });
  }

  async findManyByIds(ids: string[]): Promise<T[]> {
    const valid = ids.filter(isUuid);
    if (!valid.length) return [];
    return this.scopedQuery().andWhere(`${this.alias}.id IN (:...ids)`, { ids: valid }).getMany();
  }

  /** Inserts a new row owned by the current tenant (any tenantId passed in is overwritten). */
  async insert(values: Omit<Partial<T>, 'tenantId'>): Promise<T> {
    const entity = this.repository.create({ ...values, tenantId: this.tenantId } as unknown as T);
    return this.repository.save(entity);
  }

  /** Saves an entity that was loaded in this tenant; refuses one of another tenant. */
  async save(entity: T): Promise<T> {
    if (entity.tenantId !== this.tenantId) throw new Error('Refusing to save a row of another tenant');
    return this.repository.save(entity);
  }

  async deleteById(id: string): Promise<boolean> {
    if (!isUuid(id)) return false;
    const result = await this.repository.delete(this.scopedWhere({ id } as FindOptionsWhere<T>));
    return (result.affected ?? 0) > 0;
  }
}
