import { Injectable } from '@nestjs/common';
import { isUuid, ListQuery, keysetCondition, TenantScopedRepository, UnitOfWork } from '@oversing/platform';
import { Program } from './program.entity';

export const PROGRAM_SORTABLE: Record<string, string> = {
  name: 'program.name',
  created_at: 'program.created_at',
};

export interface ProgramMemberRow {
  user_id: string;
  email: string;
  name: string;
  role: string;
}

@Injectable()
export class ProgramRepository extends TenantScopedRepository<Program> {
  constructor(uow: UnitOfWork) {
    super(uow, Program, 'program');
  }

  /** The program and its ancestors, nearest first; empty when it is not in the tenant. */
  async lineage(id: string): Promise<string[]> {
    if (!isUuid(id)) return [];
    const rows = (await this.uow.manager().query(
      `WITH RECURSIVE chain AS (
         SELECT id, parent_id, 0 AS depth FROM programs WHERE id = $1 AND tenant_id = $2
         UNION ALL
         SELECT p.id, p.parent_id, c.depth + 1 FROM programs p JOIN chain c ON p.id = c.parent_id
          WHERE p.tenant_id = $2 AND c.depth < 50
       ) SELECT id FROM chain ORDER BY depth`,
      [id, this.tenantId],
    )) as { id: string }[];
    return rows.map((r) => r.id);
  }

  list(query: ListQuery): Promise<Program[]> {
    const builder = this.scopedQuery();
    if (query.filters.parent_id === 'null') builder.andWhere('program.parent_id IS NULL');
    else if (query.filters.parent_id)
      builder.andWhere('program.parent_id = :parentId', { parentId: query.filters.parent_id });
    if (query.filters.status) builder.andWhere('program.status = :status', { status: query.filters.status });
    if (query.cursor) {
      const keyset = keysetCondition(query.sort, PROGRAM_SORTABLE, 'program.id', query.cursor);
      builder.andWhere(keyset.sql, keyset.params);
    }
    // Same order as orderByClause (each sort column NULLS LAST, then the id), as TypeORM order keys.
    builder.orderBy();
    for (const s of query.sort) builder.addOrderBy(PROGRAM_SORTABLE[s.field], s.direction, 'NULLS LAST');
    return builder
      .addOrderBy('program.id', 'ASC')
      .limit(query.limit + 1)
      .getMany();
  }

  findByName(name: string): Promise<Program | null> {
    return this.scopedQuery()
      .andWhere('program.name = :name', { name })
      .orderBy('program.created_at')
      .getOne();
  }

  async hasChildrenOrTasks(id: string): Promise<boolean> {
    const rows = (await this.uow.manager().query(
      `SELECT EXISTS (SELECT 1 FROM programs WHERE parent_id = $1 AND tenant_id = $2)
           OR EXISTS (SELECT 1 FROM tasks WHERE program_id = $1 AND tenant_id = $2) AS used`,
      [id, this.tenantId],
    )) as { used: boolean }[];
    return rows[0].used;
  }

  members(id: string): Promise<ProgramMemberRow[]> {
    return this.uow.manager().query(
      `SELECT u.id AS user_id, u.email, u.name, r.key AS role
         FROM role_assignments ra
         JOIN users u ON u.id = ra.principal_id AND u.tenant_id = ra.tenant_id
         JOIN access_roles r ON r.id = ra.role_id
        WHERE ra.tenant_id = $1 AND ra.context_type = 'program' AND ra.context_id = $2
          AND ra.principal_type = 'user'
        ORDER BY lower(u.email), r.key`,
      [this.tenantId, id],
    );
  }
}
