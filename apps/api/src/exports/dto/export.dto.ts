import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { TASK_STATUSES } from '../../tasks/task.entity';
import { EXPORT_FORMATS, EXPORT_KINDS, EXPORT_STATUSES } from '../data-export.entity';

/** The task list's filters, as the export applies them. */
export class TaskExportFiltersDto {
  @ApiPropertyOptional({ enum: TASK_STATUSES, isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @ArrayMaxSize(TASK_STATUSES.length)
  @IsIn(TASK_STATUSES, { each: true })
  status?: string[];

  @ApiPropertyOptional({ description: 'full-text search in title and description', maxLength: 200 })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a UUID' })
  program?: string;

  @ApiPropertyOptional({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'null: unassigned tasks',
  })
  @ValidateIf((_, v) => v !== null && v !== undefined)
  @IsUUID('all', { message: 'must be a UUID' })
  assignee?: string | null;
}

export class CreateExportDto {
  @ApiProperty({ enum: EXPORT_KINDS, description: 'what to export' })
  @IsIn(EXPORT_KINDS)
  kind: (typeof EXPORT_KINDS)[number];

  @ApiPropertyOptional({ enum: EXPORT_FORMATS, default: 'csv' })
  @IsOptional()
  @IsIn(EXPORT_FORMATS)
  format?: (typeof EXPORT_FORMATS)[number];

  @ApiPropertyOptional({ type: TaskExportFiltersDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => TaskExportFiltersDto)
  filters?: TaskExportFiltersDto;
}

export class ExportProgressDto {
  @ApiProperty({ type: 'integer' }) processed_rows: number;
  @ApiProperty({ type: 'integer', nullable: true, description: 'known once the worker has counted the rows' })
  total_rows: number | null;
  @ApiProperty({ type: 'integer', minimum: 0, maximum: 100 }) percent: number;
}

export class ExportResponseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: EXPORT_KINDS }) kind: string;
  @ApiProperty({ enum: EXPORT_FORMATS }) format: string;
  @ApiProperty({ enum: EXPORT_STATUSES }) status: string;
  @ApiProperty({ type: ExportProgressDto }) progress: ExportProgressDto;
  @ApiProperty({ type: TaskExportFiltersDto }) filters: TaskExportFiltersDto;
  @ApiProperty({ example: 'tasks-2026-12-05.csv' }) file_name: string;
  @ApiProperty({ type: 'integer', nullable: true }) byte_size: number | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description:
      'once completed: a signed link that downloads the file without a token, valid for 10 minutes',
  })
  download_url: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) download_expires_at: string | null;
  @ApiProperty({ type: String, nullable: true }) error: string | null;
  @ApiProperty({ format: 'date-time' }) created_at: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) completed_at: string | null;
  @ApiProperty({ format: 'date-time', description: 'the export and its file are deleted after this' })
  expires_at: string;
}

export class ExportEnvelopeDto {
  @ApiProperty({ type: ExportResponseDto }) data: ExportResponseDto;
}

export class ExportListEnvelopeDto {
  @ApiProperty({ type: [ExportResponseDto] }) data: ExportResponseDto[];
}
