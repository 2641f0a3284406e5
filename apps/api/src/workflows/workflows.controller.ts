import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Authenticated, Enveloped, etagOf, parseIfMatch } from '@oversing/platform';
import { Permission } from '../access/permissions';
import { publicTask } from '../tasks/task.entity';
import { CastVoteUseCase } from './cast-vote.use-case';
import { GetTaskWorkflowQuery, TaskWorkflowView } from './get-task-workflow.query';
import { CreateWorkflowDto, ExecuteWorkflowDto, TransitionTaskDto, VoteDto } from './dto/workflow.dto';
import { TransitionResult, TransitionTaskUseCase } from './transition-task.use-case';
import { VoteTally, WorkflowGuards } from './workflow-guards';
import { publicWorkflow } from './workflow.entity';
import { WorkflowsService } from './workflows.service';

const WORKFLOW = { type: 'workflow', param: 'id' };

function transitioned(reply: FastifyReply, result: TransitionResult): Record<string, unknown> {
  void reply.header('etag', etagOf(result.task.version));
  const w = result.workflow as { workflow_id: string; instance_id: string; state: string; round: number };
  const placement = {
    id: w.workflow_id,
    instance_id: w.instance_id,
    state: w.state,
    state_name: result.stateName,
    round: w.round,
  };
  return {
    task: { ...publicTask(result.task), workflow: placement, certification: result.certification },
    workflow: result.workflow,
  };
}

@ApiTags('workflows')
@Controller('api/v1/workflows')
export class WorkflowsController {
  constructor(
    private readonly workflows: WorkflowsService,
    private readonly transition: TransitionTaskUseCase,
    private readonly vote: CastVoteUseCase,
    private readonly guards: WorkflowGuards,
  ) {}

  @Get()
  @Authenticated({ permission: Permission.WorkflowsRead })
  @ApiQuery({ name: 'sort', required: false, description: 'name, created_at; - for descending' })
  @ApiQuery({ name: 'limit', required: false })
  @ApiQuery({ name: 'cursor', required: false })
  @ApiQuery({ name: 'fields', required: false })
  list(@Query() query: Record<string, unknown>): Promise<Enveloped<Record<string, unknown>[]>> {
    return this.workflows.list(query);
  }

  @Post()
  @Authenticated({ permission: Permission.WorkflowsWrite })
  @ApiOkResponse({ description: 'Creates a workflow with its states and guarded transitions' })
  async create(@Body() dto: CreateWorkflowDto): Promise<Record<string, unknown>> {
    return publicWorkflow(await this.workflows.create(dto));
  }

  @Get(':id')
  @Authenticated({ permission: Permission.WorkflowsRead, context: WORKFLOW })
  async get(@Param('id') id: string): Promise<Record<string, unknown>> {
    return publicWorkflow(await this.workflows.get(id));
  }

  @Get(':id/states')
  @Authenticated({ permission: Permission.WorkflowsRead, context: WORKFLOW })
  @ApiOkResponse({ description: 'The states of the workflow in order, with where each can go' })
  states(@Param('id') id: string): Promise<Record<string, unknown>[]> {
    return this.workflows.states(id);
  }

  @Post(':id/execute')
  @HttpCode(200)
  @Authenticated({ permission: Permission.WorkflowsRead, context: WORKFLOW })
  @ApiOkResponse({
    description:
      'Transitions a task of this workflow (tasks:write on the task); 409 when `version` is stale or a concurrent transition won',
  })
  async execute(
    @Param('id') id: string,
    @Body() dto: ExecuteWorkflowDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Record<string, unknown>> {
    await this.guards.authorizeTask(dto.task_id, Permission.TasksWrite);
    return transitioned(
      reply,
      await this.transition.execute({
        taskId: dto.task_id,
        toState: dto.to_state,
        expectedVersion: dto.version,
        workflowId: id,
      }),
    );
  }

  @Post(':id/vote')
  @HttpCode(200)
  @Authenticated({ permission: Permission.WorkflowsVote, context: WORKFLOW })
  @ApiOkResponse({
    description:
      'Casts the caller’s vote (a second one in the round only with replace: true, else 409); returns the tally of the round',
  })
  async castVote(@Param('id') id: string, @Body() dto: VoteDto): Promise<VoteTally> {
    await this.guards.authorizeTask(dto.task_id, Permission.WorkflowsVote);
    return this.vote.execute({
      workflowId: id,
      taskId: dto.task_id,
      toState: dto.to_state,
      decision: dto.decision,
      comment: dto.comment,
      replace: dto.replace,
    });
  }
}

@ApiTags('workflows')
@Controller('api/v1/tasks')
export class TaskWorkflowController {
  constructor(
    private readonly transition: TransitionTaskUseCase,
    private readonly taskWorkflow: GetTaskWorkflowQuery,
  ) {}

  @Get(':id/workflow')
  @Authenticated({ permission: Permission.TasksRead, context: { type: 'task', param: 'id' } })
  @ApiOkResponse({
    description:
      'The task’s workflow and state, and each transition out of it with the vote tally of the current round',
  })
  getWorkflow(@Param('id') id: string): Promise<TaskWorkflowView> {
    return this.taskWorkflow.execute(id);
  }

  @Post(':id/workflow')
  @HttpCode(200)
  @Authenticated({ permission: Permission.TasksWrite, context: { type: 'task', param: 'id' } })
  @ApiHeader({ name: 'If-Match', required: false, description: 'ETag of the task version; 409 when stale' })
  @ApiOkResponse({ description: 'Transitions the task to another state of its workflow' })
  async transitionTask(
    @Param('id') id: string,
    @Body() dto: TransitionTaskDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Record<string, unknown>> {
    return transitioned(
      reply,
      await this.transition.execute({
        taskId: id,
        toState: dto.to_state,
        expectedVersion: parseIfMatch(ifMatch),
        workflowId: dto.workflow_id,
      }),
    );
  }
}
