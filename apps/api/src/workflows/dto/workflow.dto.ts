import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { TASK_STATUSES } from '../../tasks/task.entity';
import type { TaskStatus } from '../../tasks/task.entity';
import { REQUIRABLE_FIELDS, VOTE_DECISIONS } from '../workflow.entity';
import type { VoteDecision } from '../workflow.entity';

const KEY = /^[a-z][a-z0-9_]{0,49}$/;
const KEY_MESSAGE = 'must be a lowercase key (a-z, 0-9, _; at most 50 characters)';

export class RequestCertificationDto {
  @ApiProperty({ example: 'default', description: 'key of the Runcible governance policy to certify under' })
  @IsString()
  @Length(1, 100)
  policy_key: string;
}

export class OnCertificationDto {
  @ApiPropertyOptional({
    description: 'state to move to when the certification is approved',
    example: 'done',
  })
  @IsOptional()
  @IsString()
  @Matches(KEY, { message: KEY_MESSAGE })
  approved?: string;

  @ApiPropertyOptional({
    description: 'state to move to when the certification is rejected',
    example: 'doing',
  })
  @IsOptional()
  @IsString()
  @Matches(KEY, { message: KEY_MESSAGE })
  rejected?: string;

  @ApiPropertyOptional({
    description: 'state to move to when the certification is revoked',
    example: 'doing',
  })
  @IsOptional()
  @IsString()
  @Matches(KEY, { message: KEY_MESSAGE })
  revoked?: string;
}

export class WorkflowStateDto {
  @ApiProperty({ example: 'review' })
  @IsString()
  @Matches(KEY, { message: KEY_MESSAGE })
  key: string;

  @ApiProperty({ example: 'In review' })
  @IsString()
  @Length(1, 100)
  name: string;

  @ApiProperty({ enum: TASK_STATUSES, description: 'The task status a task gets in this state' })
  @IsIn(TASK_STATUSES)
  category: TaskStatus;

  @ApiPropertyOptional({ default: false, description: 'Entering requires a valid certification' })
  @IsOptional()
  @IsBoolean()
  requires_certification?: boolean;

  @ApiPropertyOptional({
    type: RequestCertificationDto,
    description:
      "Entering the state asks the certification service to certify the task's llm_output under this policy (after commit; never blocks the transition)",
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => RequestCertificationDto)
  request_certification?: RequestCertificationDto;

  @ApiPropertyOptional({
    type: OnCertificationDto,
    description:
      "While a task is in this state, a decision on its certification moves it to the named state (approval advances it; rejection or revocation sends it back). Applied when the decision reaches Oversing through the certification service's status feed, whoever made it.",
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => OnCertificationDto)
  on_certification?: OnCertificationDto;
}

export class WorkflowTransitionDto {
  @ApiProperty({ description: 'key of the source state' })
  @IsString()
  @Matches(KEY, { message: KEY_MESSAGE })
  from: string;

  @ApiProperty({ description: 'key of the target state' })
  @IsString()
  @Matches(KEY, { message: KEY_MESSAGE })
  to: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 100)
  name?: string;

  @ApiPropertyOptional({ type: [String], description: 'the caller must hold one of these roles' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @ArrayUnique()
  @Matches(/^[a-z][a-z0-9_]{0,62}$/, { each: true, message: 'each must be a role key' })
  required_roles?: string[];

  @ApiPropertyOptional({ enum: REQUIRABLE_FIELDS, isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @IsIn(REQUIRABLE_FIELDS, { each: true })
  required_fields?: string[];

  @ApiPropertyOptional({ minimum: 0, maximum: 1000, description: 'votes that must be cast (any decision)' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1000)
  quorum?: number;

  @ApiPropertyOptional({ minimum: 0, maximum: 1000, description: 'approvals required (threshold)' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1000)
  approvals_required?: number;

  @ApiPropertyOptional({ description: 'eligible approvers: holders of this role (or a descendant role)' })
  @IsOptional()
  @Matches(/^[a-z][a-z0-9_]{0,62}$/, { message: 'must be a role key' })
  approver_role?: string;

  @ApiPropertyOptional({ type: [String], format: 'uuid', description: 'eligible approvers: these users' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @ArrayUnique()
  @IsUUID('all', { each: true, message: 'each must be a UUID' })
  approver_user_ids?: string[];
}

export class CreateWorkflowDto {
  @ApiProperty({ example: 'Reviewed delivery' })
  @IsString()
  @Length(1, 200)
  name: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  description?: string;

  @ApiPropertyOptional({ default: false, description: 'Tasks without a workflow follow the default one' })
  @IsOptional()
  @IsBoolean()
  is_default?: boolean;

  @ApiPropertyOptional({ default: false, description: 'Allow entering a done state with open blockers' })
  @IsOptional()
  @IsBoolean()
  allow_open_blockers?: boolean;

  @ApiProperty({ description: 'key of the state new instances start in' })
  @IsString()
  @Matches(KEY, { message: KEY_MESSAGE })
  initial_state: string;

  @ApiProperty({ type: [WorkflowStateDto], minItems: 1, maxItems: 50 })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => WorkflowStateDto)
  states: WorkflowStateDto[];

  @ApiProperty({ type: [WorkflowTransitionDto], maxItems: 200 })
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => WorkflowTransitionDto)
  transitions: WorkflowTransitionDto[];
}

export class TransitionTaskDto {
  @ApiProperty({ description: 'key of the target state', example: 'in_progress' })
  @IsString()
  @Matches(KEY, { message: KEY_MESSAGE })
  to_state: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'Workflow to attach a task that has none yet (default: the tenant default workflow)',
  })
  @IsOptional()
  @IsUUID('all', { message: 'must be a UUID' })
  workflow_id?: string;
}

export class ExecuteWorkflowDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'must be a UUID' })
  task_id: string;

  @ApiProperty({ description: 'key of the target state' })
  @IsString()
  @Matches(KEY, { message: KEY_MESSAGE })
  to_state: string;

  @ApiPropertyOptional({ description: 'task version being transitioned (like If-Match); 409 when stale' })
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}

export class VoteDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'must be a UUID' })
  task_id: string;

  @ApiProperty({ description: 'key of the target state of the transition voted on (from the current state)' })
  @IsString()
  @Matches(KEY, { message: KEY_MESSAGE })
  to_state: string;

  @ApiProperty({ enum: VOTE_DECISIONS })
  @IsIn(VOTE_DECISIONS)
  decision: VoteDecision;

  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  comment?: string;

  @ApiPropertyOptional({
    description:
      'true to replace your earlier vote of this round (its decision and comment); without it a second vote is refused with 409',
  })
  @IsOptional()
  @IsBoolean()
  replace?: boolean;
}
