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
import { ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Authenticated, etagOf, parseIfMatch, RequestContext } from '@oversing/platform';
import { Permission } from '../access/permissions';
import { AssignRoleDto, CreateUserDto, InviteUserDto, UpdateUserDto } from './dto/user.dto';
import { UsersService } from './users.service';

@ApiTags('users')
@Controller('api/v1/users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get('me')
  @Authenticated()
  @ApiOkResponse({
    description:
      'The signed-in user (or the client, for client credentials tokens); for a user, `permissions` held tenant-wide and `context_permissions` held only on some programs or tasks, within the token scopes',
  })
  me(): Promise<Record<string, unknown>> {
    return this.users.me(RequestContext.principal()!);
  }

  @Get()
  @Authenticated({ permission: Permission.UsersRead })
  list(@Query() query: Record<string, string>): ReturnType<UsersService['list']> {
    return this.users.list(query);
  }

  @Get(':id')
  @Authenticated({ permission: Permission.UsersRead, context: { type: 'user', param: 'id' } })
  async get(
    @Param('id') id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Record<string, unknown>> {
    const user = await this.users.get(id);
    void reply.header('etag', etagOf(user.version as number));
    return user;
  }

  @Post()
  @Authenticated({ permission: Permission.UsersWrite })
  create(@Body() dto: CreateUserDto): Promise<Record<string, unknown>> {
    return this.users.create(dto);
  }

  @Post('invitations')
  @Authenticated({ permission: Permission.UsersWrite })
  invite(@Body() dto: InviteUserDto): Promise<Record<string, unknown>> {
    return this.users.invite(dto, RequestContext.principal()!);
  }

  @Post(':id/invitation')
  @HttpCode(202)
  @Authenticated({ permission: Permission.UsersWrite, context: { type: 'user', param: 'id' } })
  async resendInvitation(@Param('id') id: string): Promise<{ status: string }> {
    await this.users.resendInvitation(id, RequestContext.principal()!);
    return { status: 'The invitation has been sent again.' };
  }

  @Patch(':id')
  @Authenticated({ permission: Permission.UsersWrite, context: { type: 'user', param: 'id' } })
  @ApiHeader({ name: 'If-Match', required: false, description: 'ETag of the version being edited' })
  async update(
    @Param('id') id: string,
    @Body() dto: UpdateUserDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Record<string, unknown>> {
    const user = await this.users.update(id, dto, parseIfMatch(ifMatch));
    void reply.header('etag', etagOf(user.version as number));
    return user;
  }

  @Post(':id/roles')
  @HttpCode(204)
  @Authenticated({ permission: Permission.RolesManage, context: { type: 'user', param: 'id' } })
  assignRole(@Param('id') id: string, @Body() dto: AssignRoleDto): Promise<void> {
    return this.users.assignRole(id, dto);
  }

  @Delete(':id/roles')
  @HttpCode(204)
  @Authenticated({ permission: Permission.RolesManage, context: { type: 'user', param: 'id' } })
  unassignRole(@Param('id') id: string, @Body() dto: AssignRoleDto): Promise<void> {
    return this.users.unassignRole(id, dto);
  }
}
