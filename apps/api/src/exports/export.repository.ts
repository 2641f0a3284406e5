import { Injectable } from '@nestjs/common';
import { isUuid, TenantScopedRepository, UnitOfWork } from '@oversing/platform';
import { DataExport } from './data-export.entity';

@Injectable()
export class ExportRepository extends TenantScopedRepository<DataExport> {
  constructor(uow: UnitOfWork) {
    super(uow, DataExport, 'export');
  }

  /** An export of the tenant that the given principal requested; others' exports do not exist for them. */
  async findOwn(id: string, requestedBy: string): Promise<DataExport | null> {
    if (!isUuid(id)) return null;
    return this.scopedQuery()
      .andWhere('export.id = :id', { id })
      .andWhere('export.requested_by = :requestedBy', { requestedBy })
      .getOne();
  }

  /** The requester's latest exports, newest first. */
  listOwn(requestedBy: string, limit: number): Promise<DataExport[]> {
    return this.scopedQuery()
      .andWhere('export.requested_by = :requestedBy', { requestedBy })
      .orderBy('export.created_at', 'DESC')
      .addOrderBy('export.id', 'DESC')
      .limit(limit)
      .getMany();
  }

  /**
   * The file's chunks in order, one at a time: the download never holds more than one chunk (1 MiB).
   * Call it only for an export found in the tenant (chunks carry no tenant of their own).
   */
  async *chunks(exportId: string): AsyncGenerator<Buffer> {
    let seq = -1;
    for (;;) {
      const rows = (await this.uow
        .manager()
        .query(
          `SELECT seq, data FROM data_export_chunks WHERE export_id = $1 AND seq > $2 ORDER BY seq LIMIT 1`,
          [exportId, seq],
        )) as { seq: number; data: Buffer }[];
      if (!rows.length) return;
      seq = rows[0].seq;
      yield rows[0].data;
    }
  }
}
