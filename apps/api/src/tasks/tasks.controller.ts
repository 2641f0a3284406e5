import {
  Body,
  Controller,
  Delete,
  Get,
  Headers,
  HttpCode,
  Param,
  Patch,
  Post,
  Query,
  Res,
} from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Authenticated, Enveloped, etagOf, parseIfMatch } from '@oversing/platform';
import { Permission } from '../access/permissions';
import {
  AddDependencyDto,
  AssignTaskDto,
  BulkUpdateTasksDto,
  CreateTaskDto,
  UpdateTaskDto,
} from './dto/task.dto';
import {
  TaskArrayEnvelopeDto,
  TaskDependenciesDto,
  TaskDependenciesEnvelopeDto,
  TaskEnvelopeDto,
  TaskListEnvelopeDto,
} from './dto/task-response.dto';
import { Task } from './task.entity';
import { TasksService } from './tasks.service';

const TASK = { type: 'task', param: 'id' };
const IF_MATCH = { name: 'If-Match', required: false, description: 'ETag of the version being edited' };

@ApiTags('tasks')
@Controller('api/v1/tasks')
export class TasksController {
  constructor(private readonly tasks: TasksService) {}

  private withEtag(reply: FastifyReply, task: Task): Promise<Record<string, unknown>> {
    void reply.header('etag', etagOf(task.version));
    return this.tasks.present(task);
  }

  @Get()
  @Authenticated({ permission: Permission.TasksRead })
  @ApiQuery({ name: 'filter[status]', required: false, description: 'comma-separated statuses' })
  @ApiQuery({ name: 'filter[assignee]', required: false, description: 'user id, or "none"' })
  @ApiQuery({ name: 'filter[program]', required: false })
  @ApiQuery({ name: 'filter[due_from]', required: false, description: 'YYYY-MM-DD, inclusive' })
  @ApiQuery({ name: 'filter[due_to]', required: false, description: 'YYYY-MM-DD, inclusive' })
  @ApiQuery({ name: 'filter[q]', required: false, description: 'full-text search in title and description' })
  @ApiQuery({
    name: 'filter[workflow]',
    required: false,
    description: 'workflow id: tasks following it (tasks without an instance follow the default workflow)',
  })
  @ApiQuery({
    name: 'filter[workflow_state]',
    required: false,
    description: 'comma-separated state keys: tasks currently in one of them',
  })
  @ApiQuery({
    name: 'sort',
    required: false,
    description: 'created_at, updated_at, due_date, priority, title, status; - for descending',
  })
  @ApiQuery({ name: 'fields', required: false, description: 'sparse fieldset, e.g. title,status' })
  @ApiQuery({ name: 'limit', required: false })
  @ApiQuery({ name: 'cursor', required: false })
  @ApiOkResponse({ type: TaskListEnvelopeDto })
  list(@Query() query: Record<string, unknown>): Promise<Enveloped<Record<string, unknown>[]>> {
    return this.tasks.list(query);
  }

  @Post()
  @Authenticated({ permission: Permission.TasksWrite })
  @ApiCreatedResponse({ type: TaskEnvelopeDto })
  async create(
    @Body() dto: CreateTaskDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Record<string, unknown>> {
    return this.withEtag(reply, await this.tasks.create(dto));
  }

  @Patch()
  @Authenticated({ permission: Permission.TasksWrite })
  @ApiOkResponse({
    type: TaskArrayEnvelopeDto,
    description: 'Applies the same changes to every listed task, all or nothing',
  })
  async bulkUpdate(@Body() dto: BulkUpdateTasksDto): Promise<Record<string, unknown>[]> {
    return this.tasks.presentMany(await this.tasks.bulkUpdate(dto));
  }

  @Get(':id')
  @Authenticated({ permission: Permission.TasksRead, context: TASK })
  @ApiOkResponse({ type: TaskEnvelopeDto })
  async get(
    @Param('id') id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Record<string, unknown>> {
    return this.withEtag(reply, await this.tasks.get(id));
  }

  @Patch(':id')
  @Authenticated({ permission: Permission.TasksWrite, context: TASK })
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: TaskEnvelopeDto })
  async update(
    @Param('id') id: string,
    @Body() dto: UpdateTaskDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Record<string, unknown>> {
    return this.withEtag(reply, await this.tasks.update(id, dto, parseIfMatch(ifMatch)));
  }

  @Delete(':id')
  @HttpCode(204)
  @Authenticated({ permission: Permission.TasksWrite, context: TASK })
  @ApiHeader(IF_MATCH)
  remove(@Param('id') id: string, @Headers('if-match') ifMatch: string | undefined): Promise<void> {
    return this.tasks.remove(id, parseIfMatch(ifMatch));
  }

  @Post(':id/assign')
  @HttpCode(200)
  @Authenticated({ permission: Permission.TasksWrite, context: TASK })
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: TaskEnvelopeDto })
  async assign(
    @Param('id') id: string,
    @Body() dto: AssignTaskDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Record<string, unknown>> {
    return this.withEtag(reply, await this.tasks.assign(id, dto.assignee_id, parseIfMatch(ifMatch)));
  }

  @Get(':id/history')
  @Authenticated({ permission: Permission.TasksRead, context: TASK })
  @ApiOkResponse({
    description: 'Every change of the task from the audit trail, oldest first, with before and after',
  })
  history(@Param('id') id: string): Promise<Record<string, unknown>[]> {
    return this.tasks.history(id);
  }

  @Get(':id/dependencies')
  @Authenticated({ permission: Permission.TasksRead, context: TASK })
  @ApiOkResponse({ type: TaskDependenciesEnvelopeDto })
  dependencies(@Param('id') id: string): Promise<TaskDependenciesDto> {
    return this.tasks.dependencies(id);
  }

  @Post(':id/dependencies')
  @HttpCode(200)
  @Authenticated({ permission: Permission.TasksWrite, context: TASK })
  @ApiOkResponse({
    type: TaskDependenciesEnvelopeDto,
    description: 'Adds a finish-to-start dependency; a cycle is refused with 422 naming it in words',
  })
  addDependency(@Param('id') id: string, @Body() dto: AddDependencyDto): Promise<TaskDependenciesDto> {
    return this.tasks.addDependency(id, dto);
  }

  @Delete(':id/dependencies/:blockerId')
  @HttpCode(204)
  @Authenticated({ permission: Permission.TasksWrite, context: TASK })
  removeDependency(@Param('id') id: string, @Param('blockerId') blockerId: string): Promise<void> {
    return this.tasks.removeDependency(id, blockerId);
  }
}
