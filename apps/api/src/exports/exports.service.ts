import { Injectable } from '@nestjs/common';
import { AppException, Principal, ReadScope, scopesAllow } from '@oversing/platform';
import { Permission } from '../access/permissions';
import { PolicyService } from '../access/policy.service';
import { DataExport, ExportKind, TaskExportFilters } from './data-export.entity';
import { CreateExportDto } from './dto/export.dto';
import { ExportLinkSigner } from './export-link-signer';
import { ExportQueue } from './export-queue';
import { ExportRepository } from './export.repository';

/** An export and its file are kept this long, then deleted by the worker's sweep. */
export const EXPORT_RETENTION_HOURS = 24;

/** What a requester needs to export each kind: the permission that reads its rows. */
const READ_PERMISSION: Record<ExportKind, string> = { tasks: Permission.TasksRead };

/**
 * Exports as jobs: the request is stored with the requester's read scope at that moment and queued; the
 * worker streams the rows into the file with progress; the requester polls for progress and gets a signed,
 * expiring download link. Only the requester sees their exports.
 */
@Injectable()
export class ExportsService {
  constructor(
    private readonly exports: ExportRepository,
    private readonly queue: ExportQueue,
    private readonly policy: PolicyService,
    private readonly signer: ExportLinkSigner,
  ) {}

  async create(principal: Principal, dto: CreateExportDto): Promise<DataExport> {
    const scope = await this.readScope(principal, dto.kind);
    if (!scope)
      throw AppException.forbidden(`Exporting ${dto.kind} needs the permission ${READ_PERMISSION[dto.kind]}`);
    const filters: TaskExportFilters = {};
    if (dto.filters?.status?.length) filters.status = dto.filters.status;
    if (dto.filters?.q?.trim()) filters.q = dto.filters.q.trim();
    if (dto.filters?.program) filters.program = dto.filters.program;
    if (dto.filters?.assignee !== undefined) filters.assignee = dto.filters.assignee;
    const format = dto.format ?? 'csv';
    const created = await this.exports.insert({
      requestedBy: principal.id,
      kind: dto.kind,
      format,
      filters,
      scope,
      status: 'queued',
      processedRows: 0,
      fileName: `${dto.kind}-${new Date().toISOString().slice(0, 10)}.${format}`,
      expiresAt: new Date(Date.now() + EXPORT_RETENTION_HOURS * 3600_000),
    });
    await this.queue.enqueue({ tenant_id: created.tenantId, export_id: created.id });
    return created;
  }

  async get(principal: Principal, id: string): Promise<DataExport> {
    const found = await this.exports.findOwn(id, principal.id);
    if (!found) throw AppException.notFound('Export');
    return found;
  }

  listOwn(principal: Principal): Promise<DataExport[]> {
    return this.exports.listOwn(principal.id, 20);
  }

  present(entity: DataExport): Record<string, unknown> {
    const total = entity.totalRows;
    const done = entity.status === 'completed';
    const link = done ? this.signer.link(entity.id, entity.tenantId) : null;
    return {
      id: entity.id,
      kind: entity.kind,
      format: entity.format,
      status: entity.status,
      progress: {
        processed_rows: entity.processedRows,
        total_rows: total,
        percent: done ? 100 : total ? Math.min(99, Math.floor((entity.processedRows / total) * 100)) : 0,
      },
      filters: entity.filters,
      file_name: entity.fileName,
      byte_size: entity.byteSize === null ? null : Number(entity.byteSize),
      download_url: link?.url ?? null,
      download_expires_at: link?.expiresAt.toISOString() ?? null,
      error: entity.error,
      created_at: entity.createdAt.toISOString(),
      completed_at: entity.completedAt?.toISOString() ?? null,
      expires_at: entity.expiresAt.toISOString(),
    };
  }

  /** The file of a completed export, chunk by chunk; the caller has verified the signed link. */
  async download(id: string): Promise<{ entity: DataExport; chunks: AsyncGenerator<Buffer> }> {
    const entity = await this.exports.findById(id);
    if (!entity || entity.status !== 'completed') throw AppException.notFound('Export');
    return { entity, chunks: this.exports.chunks(entity.id) };
  }

  private async readScope(principal: Principal, kind: ExportKind): Promise<ReadScope | null> {
    const permission = READ_PERMISSION[kind];
    if (!scopesAllow(principal.scopes, permission, principal.kind)) return null;
    const scope = await this.policy.accessibleContexts(principal, permission);
    return scope.tenantWide || scope.programIds.length || scope.taskIds.length ? scope : null;
  }
}
