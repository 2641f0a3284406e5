import { Injectable } from '@nestjs/common';
import { TenantScopedRepository, UnitOfWork } from '@oversing/platform';
import { User } from './user.entity';

@Injectable()
export class UserRepository extends TenantScopedRepository<User> {
  constructor(uow: UnitOfWork) {
    super(uow, User, 'user');
  }

  findByEmail(email: string): Promise<User | null> {
    return this.scopedQuery().andWhere('lower(user.email) = lower(:email)', { email }).getOne();
  }

  /**
   * Replaces a password hash if it is still `expected` (a concurrent sign-in may have replaced it first).
   * Not a change of the user's data: the version stays.
   */
  async replacePasswordHash(id: string, expected: string, fresh: string): Promise<boolean> {
    const rows = (await this.uow
      .manager()
      .query(
        `UPDATE users SET password_hash = $4 WHERE id = $1 AND tenant_id = $2 AND password_hash = $3 RETURNING id`,
        [id, this.tenantId, expected, fresh],
      )) as [unknown[], number];
    return rows[1] > 0;
  }

  list(limit: number, afterEmail?: string, afterId?: string): Promise<User[]> {
    const query = this.scopedQuery()
      .orderBy('lower(user.email)', 'ASC')
      .addOrderBy('user.id', 'ASC')
      .limit(limit + 1);
    if (afterEmail !== undefined && afterId !== undefined) {
      query.andWhere('(lower(user.email), user.id) > (lower(:afterEmail), :afterId)', {
        afterEmail,
        afterId,
      });
    }
    return query.getMany();
  }
}

/**
 * Identity lookups that happen before a tenant is known (sign-in by email, token claims by subject).
 * Deliberately unscoped and kept apart from UserRepository so that this is visible.
 */
@Injectable()
export class IdentityLookup {
  constructor(private readonly uow: UnitOfWork) {}

  findByEmail(email: string): Promise<User | null> {
    return this.uow
      .repositoryFor(User)
      .createQueryBuilder('user')
      .where('lower(user.email) = lower(:email)', { email })
      .getOne();
  }

  findById(id: string): Promise<User | null> {
    if (!/^[0-9a-f-]{36}$/i.test(id)) return Promise.resolve(null);
    return this.uow.repositoryFor(User).findOne({ where: { id } });
  }
}
