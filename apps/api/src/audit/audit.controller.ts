import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Authenticated, Enveloped } from '@oversing/platform';
import { Permission } from '../access/permissions';
import { AuditQueryService } from './audit-query.service';

@ApiTags('audit')
@Controller('api/v1/audit')
export class AuditController {
  constructor(private readonly audit: AuditQueryService) {}

  @Get()
  @Authenticated({ permission: Permission.AuditRead })
  @ApiQuery({ name: 'filter[entity_type]', required: false })
  @ApiQuery({ name: 'filter[entity_id]', required: false })
  @ApiQuery({ name: 'filter[actor]', required: false, description: 'user or client id' })
  @ApiQuery({ name: 'filter[from]', required: false, description: 'ISO 8601, inclusive' })
  @ApiQuery({ name: 'filter[to]', required: false, description: 'ISO 8601, exclusive' })
  @ApiQuery({
    name: 'sort',
    required: false,
    enum: ['position', '-position'],
    description: 'commit order: position (oldest first, the default) or -position (newest first)',
  })
  @ApiQuery({ name: 'limit', required: false })
  @ApiQuery({ name: 'cursor', required: false })
  @ApiOkResponse({
    description: 'Audit events of the tenant, in commit order (oldest first unless sort=-position)',
  })
  list(@Query() query: Record<string, unknown>): Promise<Enveloped<Record<string, unknown>[]>> {
    return this.audit.list(query);
  }
}
