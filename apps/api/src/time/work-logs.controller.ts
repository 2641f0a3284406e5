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
import { ApiHeader, ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Authenticated, Enveloped, etagOf, parseIfMatch } from '@oversing/platform';
import { Permission } from '../access/permissions';
import { CreateWorkLogDto, RejectTimeCardDto, UpdateWorkLogDto } from './dto/work-log.dto';
import { publicWorkLog } from './time.entities';
import { TimeCardsService } from './time-cards.service';
import { WorkLogsService } from './work-logs.service';

@ApiTags('work-logs')
@Controller('api/v1/work-logs')
export class WorkLogsController {
  constructor(private readonly logs: WorkLogsService) {}

  @Get()
  @Authenticated({ permission: Permission.WorkLogsRead })
  @ApiOkResponse({ description: 'The caller’s work logs (everyone’s with work-logs:approve)' })
  @ApiQuery({ name: 'filter[user]', required: false })
  @ApiQuery({ name: 'filter[task]', required: false })
  @ApiQuery({ name: 'filter[time_card]', required: false })
  @ApiQuery({ name: 'filter[from]', required: false, description: 'YYYY-MM-DD' })
  @ApiQuery({ name: 'filter[to]', required: false, description: 'YYYY-MM-DD' })
  @ApiQuery({ name: 'filter[billable]', required: false, description: 'true or false' })
  @ApiQuery({
    name: 'sort',
    required: false,
    description: 'work_date, created_at, duration_minutes; - for descending',
  })
  @ApiQuery({ name: 'fields', required: false })
  @ApiQuery({ name: 'limit', required: false })
  @ApiQuery({ name: 'cursor', required: false })
  list(@Query() query: Record<string, unknown>): Promise<Enveloped<Record<string, unknown>[]>> {
    return this.logs.list(query);
  }

  @Post()
  @Authenticated({ permission: Permission.WorkLogsWrite })
  @ApiOkResponse({
    description: 'Logs time; files it in the user’s time card of that ISO week (422 when locked)',
  })
  async create(
    @Body() dto: CreateWorkLogDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Record<string, unknown>> {
    const log = await this.logs.create(dto);
    void reply.header('etag', etagOf(log.version));
    return publicWorkLog(log);
  }

  @Get(':id')
  @Authenticated({ permission: Permission.WorkLogsRead })
  async get(
    @Param('id') id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Record<string, unknown>> {
    const log = await this.logs.get(id);
    void reply.header('etag', etagOf(log.version));
    return publicWorkLog(log);
  }

  @Patch(':id')
  @Authenticated({ permission: Permission.WorkLogsWrite })
  @ApiHeader({ name: 'If-Match', required: false, description: 'ETag of the version being edited' })
  async update(
    @Param('id') id: string,
    @Body() dto: UpdateWorkLogDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Record<string, unknown>> {
    const log = await this.logs.update(id, dto, parseIfMatch(ifMatch));
    void reply.header('etag', etagOf(log.version));
    return publicWorkLog(log);
  }

  @Delete(':id')
  @HttpCode(204)
  @Authenticated({ permission: Permission.WorkLogsWrite })
  @ApiHeader({ name: 'If-Match', required: false })
  remove(@Param('id') id: string, @Headers('if-match') ifMatch: string | undefined): Promise<void> {
    return this.logs.remove(id, parseIfMatch(ifMatch));
  }
}

@ApiTags('work-logs')
@Controller('api/v1/time-cards')
export class TimeCardsController {
  constructor(private readonly cards: TimeCardsService) {}

  @Get()
  @Authenticated({ permission: Permission.WorkLogsRead })
  @ApiQuery({ name: 'filter[user]', required: false })
  @ApiQuery({ name: 'filter[status]', required: false })
  @ApiQuery({ name: 'filter[week]', required: false, description: 'ISO week, e.g. 2026-W12' })
  @ApiQuery({ name: 'sort', required: false })
  @ApiQuery({ name: 'limit', required: false })
  @ApiQuery({ name: 'cursor', required: false })
  list(@Query() query: Record<string, unknown>): Promise<Enveloped<Record<string, unknown>[]>> {
    return this.cards.list(query);
  }

  @Get(':id')
  @Authenticated({ permission: Permission.WorkLogsRead })
  @ApiOkResponse({ description: 'The card with its work logs and totals' })
  get(@Param('id') id: string): Promise<Record<string, unknown>> {
    return this.cards.get(id);
  }

  @Post(':id/submit')
  @HttpCode(200)
  @Authenticated({ permission: Permission.WorkLogsWrite })
  @ApiOkResponse({ description: 'The owner submits the card; its time is locked from now on' })
  submit(@Param('id') id: string): Promise<Record<string, unknown>> {
    return this.cards.decide(id, 'submit');
  }

  @Post(':id/approve')
  @HttpCode(200)
  @Authenticated({ permission: Permission.WorkLogsApprove })
  @ApiOkResponse({ description: 'A manager other than the owner approves a submitted card' })
  approve(@Param('id') id: string): Promise<Record<string, unknown>> {
    return this.cards.decide(id, 'approve');
  }

  @Post(':id/reject')
  @HttpCode(200)
  @Authenticated({ permission: Permission.WorkLogsApprove })
  @ApiOkResponse({ description: 'A manager other than the owner sends a submitted card back' })
  reject(@Param('id') id: string, @Body() dto: RejectTimeCardDto): Promise<Record<string, unknown>> {
    return this.cards.decide(id, 'reject', dto.reason);
  }
}
