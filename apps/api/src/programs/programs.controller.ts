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
import { CreateProgramDto, ProgramMemberDto, UpdateProgramDto } from './dto/program.dto';
import { publicProgram } from './program.entity';
import { ProgramMemberRow } from './program.repository';
import { ProgramsService } from './programs.service';

const PROGRAM = { type: 'program', param: 'id' };

@ApiTags('programs')
@Controller('api/v1/programs')
export class ProgramsController {
  constructor(private readonly programs: ProgramsService) {}

  @Get()
  @Authenticated({ permission: Permission.ProgramsRead })
  @ApiQuery({
    name: 'filter[parent_id]',
    required: false,
    description: 'a program id, or "null" for top-level',
  })
  @ApiQuery({ name: 'filter[status]', required: false })
  @ApiQuery({ name: 'sort', required: false, description: 'name, created_at (prefix - for descending)' })
  @ApiQuery({ name: 'fields', required: false })
  @ApiQuery({ name: 'limit', required: false })
  @ApiQuery({ name: 'cursor', required: false })
  list(@Query() query: Record<string, unknown>): Promise<Enveloped<Record<string, unknown>[]>> {
    return this.programs.list(query);
  }

  @Post()
  @Authenticated({ permission: Permission.ProgramsWrite })
  async create(
    @Body() dto: CreateProgramDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Record<string, unknown>> {
    const program = await this.programs.create(dto);
    void reply.header('etag', etagOf(program.version));
    return publicProgram(program);
  }

  @Get(':id')
  @Authenticated({ permission: Permission.ProgramsRead, context: PROGRAM })
  @ApiOkResponse({ description: 'The program, with its ETag' })
  async get(
    @Param('id') id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Record<string, unknown>> {
    const program = await this.programs.get(id);
    void reply.header('etag', etagOf(program.version));
    return publicProgram(program);
  }

  @Patch(':id')
  @Authenticated({ permission: Permission.ProgramsWrite, context: PROGRAM })
  @ApiHeader({ name: 'If-Match', required: false, description: 'ETag of the version being edited' })
  async update(
    @Param('id') id: string,
    @Body() dto: UpdateProgramDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Record<string, unknown>> {
    const program = await this.programs.update(id, dto, parseIfMatch(ifMatch));
    void reply.header('etag', etagOf(program.version));
    return publicProgram(program);
  }

  @Delete(':id')
  @HttpCode(204)
  @Authenticated({ permission: Permission.ProgramsWrite, context: PROGRAM })
  remove(@Param('id') id: string): Promise<void> {
    return this.programs.remove(id);
  }

  @Get(':id/members')
  @Authenticated({ permission: Permission.ProgramsRead, context: PROGRAM })
  members(@Param('id') id: string): Promise<ProgramMemberRow[]> {
    return this.programs.members(id);
  }

  @Post(':id/members')
  @Authenticated({ permission: Permission.ProgramsWrite, context: PROGRAM })
  addMember(@Param('id') id: string, @Body() dto: ProgramMemberDto): Promise<ProgramMemberRow[]> {
    return this.programs.addMember(id, dto);
  }

  @Delete(':id/members')
  @HttpCode(204)
  @Authenticated({ permission: Permission.ProgramsWrite, context: PROGRAM })
  removeMember(@Param('id') id: string, @Body() dto: ProgramMemberDto): Promise<void> {
    return this.programs.removeMember(id, dto);
  }
}
