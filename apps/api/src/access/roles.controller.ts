import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiProperty, ApiTags } from '@nestjs/swagger';
import { ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  Length,
  Matches,
  MaxLength,
} from 'class-validator';
import { AppException, Authenticated, RequestContext } from '@oversing/platform';
import { AccessRepository } from './access.repository';
import { CreateRoleUseCase } from './create-role.use-case';
import { ALL_PERMISSIONS, Permission } from './permissions';

export class CreateRoleDto {
  @ApiProperty({ example: 'reviewer', description: 'Lowercase letters, digits and _' })
  @Matches(/^[a-z0-9_]{1,63}$/, { message: 'must be 1 to 63 lowercase letters, digits or _' })
  key: string;

  @ApiProperty({ example: 'Reviewer' })
  @IsString()
  @Length(1, 200, { message: 'must be between 1 and 200 characters' })
  name: string;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(1000) description?: string;

  @ApiPropertyOptional({ example: 'member', description: 'Key of the role whose permissions it inherits' })
  @IsOptional()
  @Matches(/^[a-z0-9_]{1,63}$/, { message: 'must be a role key' })
  inherits?: string;

  @ApiProperty({ type: [String], example: ['tasks:read', 'workflows:vote'] })
  @IsArray()
  @ArrayMaxSize(100)
  @IsIn(ALL_PERMISSIONS, { each: true, message: 'must be permissions of the catalogue' })
  permissions: string[];
}

export class CreateGroupDto {
  @ApiProperty() @IsString() @Length(1, 200) name: string;
}

export class AddMemberDto {
  @ApiProperty({ format: 'uuid' })
  @Matches(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, { message: 'must be a UUID' })
  user_id: string;
}

export class GroupRoleDto {
  @ApiProperty() @IsString() @Matches(/^[a-z0-9_]{1,63}$/, { message: 'must be a role key' }) role: string;
}

/** Roles (the templates every tenant gets, with inheritance, and the tenant's custom roles) and user groups. */
@ApiTags('access')
@Controller('api/v1')
export class RolesController {
  constructor(
    private readonly access: AccessRepository,
    private readonly createRoleUseCase: CreateRoleUseCase,
  ) {}

  @Get('permissions')
  @Authenticated({ permission: Permission.UsersRead })
  permissions(): string[] {
    return [...ALL_PERMISSIONS].sort();
  }

  @Post('roles')
  @Authenticated({ permission: Permission.RolesManage })
  createRole(@Body() dto: CreateRoleDto): ReturnType<CreateRoleUseCase['execute']> {
    return this.createRoleUseCase.execute({ principal: RequestContext.principal()!, ...dto });
  }

  @Get('roles')
  @Authenticated({ permission: Permission.UsersRead })
  async roles(): Promise<Record<string, unknown>[]> {
    const roles = await this.access.listRoles();
    const keyOf = new Map(roles.map((r) => [r.id, r.key]));
    return roles.map((r) => ({
      id: r.id,
      key: r.key,
      name: r.name,
      description: r.description,
      inherits: r.parentRoleId ? keyOf.get(r.parentRoleId) : null,
      permissions: r.permissions.sort(),
      system: r.system,
    }));
  }

  @Get('groups')
  @Authenticated({ permission: Permission.UsersRead })
  async groups(): Promise<Record<string, unknown>[]> {
    return (await this.access.listGroups()).map((g) => ({
      id: g.id,
      name: g.name,
      created_at: g.createdAt.toISOString(),
    }));
  }

  @Post('groups')
  @Authenticated({ permission: Permission.RolesManage })
  async createGroup(@Body() dto: CreateGroupDto): Promise<Record<string, unknown>> {
    const group = await this.access.createGroup(dto.name.trim());
    return { id: group.id, name: group.name, created_at: group.createdAt.toISOString() };
  }

  @Post('groups/:id/members')
  @HttpCode(204)
  @Authenticated({ permission: Permission.RolesManage })
  async addMember(@Param('id') id: string, @Body() dto: AddMemberDto): Promise<void> {
    if (!(await this.access.findGroup(id))) throw AppException.notFound('Group');
    if (!(await this.access.addGroupMember(id, dto.user_id))) throw AppException.notFound('User');
  }

  @Post('groups/:id/roles')
  @HttpCode(204)
  @Authenticated({ permission: Permission.RolesManage })
  async assignGroupRole(@Param('id') id: string, @Body() dto: GroupRoleDto): Promise<void> {
    const [group, role] = await Promise.all([this.access.findGroup(id), this.access.findRoleByKey(dto.role)]);
    if (!group) throw AppException.notFound('Group');
    if (!role) throw AppException.validation([{ field: 'role', message: `unknown role "${dto.role}"` }]);
    await this.access.assign({
      roleId: role.id,
      principalType: 'group',
      principalId: group.id,
      contextType: 'tenant',
      contextId: null,
    });
  }
}
