import { ApiProperty, ApiPropertyOptional, PickType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsDefined,
  IsIn,
  IsInt,
  IsISO8601,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { TASK_STATUSES } from '../task.entity';
import type { TaskStatus } from '../task.entity';

const DATE = { strict: true, strictSeparator: true };

export class CreateTaskDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'must be a UUID' })
  program_id: string;

  @ApiProperty({ example: 'Draft the launch plan' })
  @IsString()
  @Length(1, 300)
  title: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(20_000)
  description?: string;

  @ApiPropertyOptional({ enum: TASK_STATUSES, default: 'todo' })
  @IsOptional()
  @IsIn(TASK_STATUSES)
  status?: TaskStatus;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 5, default: 3 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(5)
  priority?: number;

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true })
  @ValidateIf((_, v) => v !== null && v !== undefined)
  @IsUUID('all', { message: 'must be a UUID' })
  assignee_id?: string | null;

  @ApiPropertyOptional({ type: String, format: 'date', nullable: true, example: '2026-12-31' })
  @ValidateIf((_, v) => v !== null && v !== undefined)
  @IsISO8601(DATE, { message: 'must be a date (YYYY-MM-DD)' })
  @Length(10, 10, { message: 'must be a date (YYYY-MM-DD)' })
  due_date?: string | null;

  @ApiPropertyOptional({ type: 'integer', minimum: 0, maximum: 1_000_000, nullable: true })
  @ValidateIf((_, v) => v !== null && v !== undefined)
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  estimate_minutes?: number | null;
}

export class LlmOutputDto {
  @ApiProperty({
    description: 'What the model was given (any JSON)',
    example: { prompt: 'Summarise the brief' },
  })
  @IsDefined()
  input: unknown;

  @ApiProperty({ description: 'What the model returned (any JSON)', example: 'The brief asks for…' })
  @IsDefined()
  output: unknown;

  @ApiProperty({ example: 'openai' })
  @IsString()
  @Length(1, 100)
  provider: string;

  @ApiProperty({ example: 'gpt-4o' })
  @IsString()
  @Length(1, 200)
  model: string;
}

export class UpdateTaskDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Move the task to another program' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a UUID' })
  program_id?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 300)
  title?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(20_000)
  description?: string;

  @ApiPropertyOptional({ enum: TASK_STATUSES })
  @IsOptional()
  @IsIn(TASK_STATUSES)
  status?: TaskStatus;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 5 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(5)
  priority?: number;

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true })
  @ValidateIf((_, v) => v !== null && v !== undefined)
  @IsUUID('all', { message: 'must be a UUID' })
  assignee_id?: string | null;

  @ApiPropertyOptional({ type: String, format: 'date', nullable: true })
  @ValidateIf((_, v) => v !== null && v !== undefined)
  @IsISO8601(DATE, { message: 'must be a date (YYYY-MM-DD)' })
  @Length(10, 10, { message: 'must be a date (YYYY-MM-DD)' })
  due_date?: string | null;

  @ApiPropertyOptional({ type: 'integer', minimum: 0, maximum: 1_000_000, nullable: true })
  @ValidateIf((_, v) => v !== null && v !== undefined)
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  estimate_minutes?: number | null;

  @ApiPropertyOptional({
    type: LlmOutputDto,
    nullable: true,
    description:
      'The LLM output the task relies on (certified when the workflow requests it); null clears it',
  })
  @ValidateIf((_, v) => v !== null && v !== undefined)
  @IsObject()
  @ValidateNested()
  @Type(() => LlmOutputDto)
  llm_output?: LlmOutputDto | null;
}

/** The fields a bulk update may change: the same rules as a single update. */
export class BulkTaskChangesDto extends PickType(UpdateTaskDto, [
  'status',
  'priority',
  'assignee_id',
  'due_date',
] as const) {}

export class BulkUpdateTasksDto {
  @ApiProperty({ type: [String], format: 'uuid', minItems: 1, maxItems: 200 })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @ArrayUnique()
  @IsUUID('all', { each: true, message: 'each must be a UUID' })
  ids: string[];

  @ApiProperty({ type: BulkTaskChangesDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => BulkTaskChangesDto)
  changes: BulkTaskChangesDto;
}

export class AssignTaskDto {
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'null unassigns' })
  @ValidateIf((_, v) => v !== null)
  @IsUUID('all', { message: 'must be a UUID' })
  assignee_id: string | null;
}

export class AddDependencyDto {
  @ApiProperty({ format: 'uuid', description: 'The task that must finish before this one (finish-to-start)' })
  @IsUUID('all', { message: 'must be a UUID' })
  blocker_id: string;
}
