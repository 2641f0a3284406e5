import { ApiProperty } from '@nestjs/swagger';
import { TASK_STATUSES } from '../task.entity';
import type { TaskStatus } from '../task.entity';
import { LlmOutputDto } from './task.dto';

/** Where a task stands in its workflow (documents TaskWorkflowPlacement). */
export class TaskWorkflowDto {
  @ApiProperty({ format: 'uuid', description: 'The workflow the task follows' })
  id: string;

  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description:
      'The workflow instance; null until the first transition attaches the task (in the state shown)',
  })
  instance_id: string | null;

  @ApiProperty({ description: 'Key of the current state', example: 'in_progress' })
  state: string;

  @ApiProperty({ example: 'In progress' })
  state_name: string;

  @ApiProperty({ type: 'integer', description: 'Votes belong to a round; every transition starts a new one' })
  round: number;
}

/**
 * A task as the API returns it. Transitions (POST /tasks/{id}/workflow) check If-Match against the task's
 * ETag, which is its `version` in quotes.
 */
export class TaskResponseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) program_id: string;
  @ApiProperty() title: string;
  @ApiProperty() description: string;
  @ApiProperty({ enum: TASK_STATUSES }) status: TaskStatus;
  @ApiProperty({ type: 'integer', minimum: 1, maximum: 5 }) priority: number;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) assignee_id: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) due_date: string | null;
  @ApiProperty({ type: 'integer', nullable: true }) estimate_minutes: number | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) completed_at: string | null;
  @ApiProperty({ type: LlmOutputDto, nullable: true }) llm_output: LlmOutputDto | null;
  @ApiProperty({ type: 'integer', description: 'Optimistic concurrency: the ETag is this number in quotes' })
  version: number;
  @ApiProperty({ format: 'date-time' }) created_at: string;
  @ApiProperty({ format: 'date-time' }) updated_at: string;
  @ApiProperty({
    type: TaskWorkflowDto,
    nullable: true,
    description: 'Its workflow and state; null when it follows none and the tenant has no default workflow',
  })
  workflow: TaskWorkflowDto | null;
}

export class ListMetaDto {
  @ApiProperty({ type: 'integer' }) count: number;
  @ApiProperty({ type: 'integer' }) limit: number;
  @ApiProperty({ type: String, nullable: true }) next_cursor: string | null;
  @ApiProperty() has_more: boolean;
}

export class ListLinksDto {
  @ApiProperty({ type: String, nullable: true }) next: string | null;
}

/** `{data}` of one task. */
export class TaskEnvelopeDto {
  @ApiProperty({ type: TaskResponseDto }) data: TaskResponseDto;
}

/** `{data, meta, links}` of a page of tasks (sparse fieldsets return a subset of each task's fields). */
export class TaskListEnvelopeDto {
  @ApiProperty({ type: [TaskResponseDto] }) data: TaskResponseDto[];
  @ApiProperty({ type: ListMetaDto }) meta: ListMetaDto;
  @ApiProperty({ type: ListLinksDto }) links: ListLinksDto;
}

/** `{data}` of several tasks (bulk update). */
export class TaskArrayEnvelopeDto {
  @ApiProperty({ type: [TaskResponseDto] }) data: TaskResponseDto[];
}
