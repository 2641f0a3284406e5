import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { ReadScope } from '@oversing/platform';

export const EXPORT_KINDS = ['tasks'] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];
export const EXPORT_FORMATS = ['csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
export const EXPORT_STATUSES = ['queued', 'running', 'completed', 'failed'] as const;
export type ExportStatus = (typeof EXPORT_STATUSES)[number];

/** The task list's filters an export of tasks applies (the same as GET /api/v1/tasks's filter[...]). */
export interface TaskExportFilters {
  status?: string[];
  q?: string;
  program?: string;
  /** a user id, or null for unassigned tasks */
  assignee?: string | null;
}

/** An export job and its progress; its file is in data_export_chunks, written by the worker. */
@Entity('data_exports')
export class DataExport {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') tenantId: string;
  /** the user id, or the client id for client credentials: only the requester sees the export */
  @Column({ type: 'varchar' }) requestedBy: string;
  @Column({ type: 'varchar' }) kind: ExportKind;
  @Column({ type: 'varchar' }) format: ExportFormat;
  @Column({ type: 'jsonb', default: {} }) filters: TaskExportFilters;
  @Column({ type: 'jsonb' }) scope: ReadScope;
  @Column({ type: 'varchar', default: 'queued' }) status: ExportStatus;
  @Column({ type: 'integer', nullable: true }) totalRows: number | null;
  @Column({ type: 'integer', default: 0 }) processedRows: number;
  @Column({ type: 'bigint', nullable: true }) byteSize: string | null;
  @Column({ type: 'varchar' }) fileName: string;
  @Column({ type: 'text', nullable: true }) error: string | null;
  @Column({ type: 'timestamptz', nullable: true }) startedAt: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) completedAt: Date | null;
  @Column({ type: 'timestamptz' }) expiresAt: Date;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}
