import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Authenticated, RequestContext } from '@oversing/platform';
import { Permission } from '../access/permissions';
import { EraseUserUseCase } from './erase-user.use-case';
import { ExportUserDataUseCase } from './export-user-data.use-case';

const USER = { type: 'user', param: 'id' };

@ApiTags('users')
@Controller('api/v1/users')
export class PrivacyController {
  constructor(
    private readonly exportUserData: ExportUserDataUseCase,
    private readonly eraseUser: EraseUserUseCase,
  ) {}

  @Get(':id/export')
  @Authenticated({ permission: Permission.UsersRead, context: USER })
  @ApiOkResponse({
    description:
      'Everything about the user as JSON: profile, role assignments, group memberships, tasks created and ' +
      'assigned, work logs, time cards, votes and the audit events they caused. Yourself, or with users:write.',
  })
  export(@Param('id') id: string): Promise<Record<string, unknown>> {
    return this.exportUserData.execute(RequestContext.principal()!, id);
  }

  @Post(':id/erase')
  @HttpCode(200)
  @Authenticated({ permission: Permission.UsersErase, context: USER })
  @ApiOkResponse({
    description:
      'Pseudonymizes the user (name, email, password, second factor), sets status erased, removes their ' +
      'access and revokes their OAuth grants; ids stay so history resolves. Administrators only, not yourself.',
  })
  erase(@Param('id') id: string): Promise<Record<string, unknown>> {
    return this.eraseUser.execute(RequestContext.principal()!, id);
  }
}
