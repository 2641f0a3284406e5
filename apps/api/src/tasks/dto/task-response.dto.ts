import { CERTIFICATION_STATUSES } from '../../certifications/certification-projection.entity';
import type { CertificationStatus } from '../../certifications/certification-projection.entity';
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

/** The task's latest certification (its current status, as the certification service reported it). */
export class TaskCertificationDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'RC-2026-000042' }) number: string;
  @ApiProperty({ enum: CERTIFICATION_STATUSES }) status: CertificationStatus;
  @ApiProperty({ minimum: 0, maximum: 1 }) risk_score: number;
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
  @ApiProperty({
    type: TaskCertificationDto,
    nullable: true,
    description: 'Its latest certification (by issue time); null when none was issued',
  })
  certification: TaskCertificationDto | null;
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

/** One finish-to-start dependency, named when the caller may read the other task. */
export class TaskDependencyDto {
  @ApiProperty({ format: 'uuid', description: 'The other task of the dependency' })
  task_id: string;

  @ApiProperty({ example: 'finish_to_start' })
  type: string;

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Its title; null when the caller may not read that task',
  })
  title: string | null;

  @ApiProperty({ enum: TASK_STATUSES, nullable: true, description: 'Its status; null as for the title' })
  status: TaskStatus | null;
}

/** A task's dependencies: the tasks that must finish first, and the tasks waiting for it. */
export class TaskDependenciesDto {
  @ApiProperty({ type: [TaskDependencyDto], description: 'Tasks that must finish before this one' })
  blocked_by: TaskDependencyDto[];

  @ApiProperty({ type: [TaskDependencyDto], description: 'Tasks waiting for this one' })
  blocks: TaskDependencyDto[];
}

/** `{data}` of a task's dependencies. */
export class TaskDependenciesEnvelopeDto {
  @ApiProperty({ type: TaskDependenciesDto }) data: TaskDependenciesDto;
}
