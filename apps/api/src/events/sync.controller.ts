import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import { AppException, Authenticated, Enveloped } from '@oversing/platform';
import { Permission } from '../access/permissions';
import { toDomainEventContract } from './domain-event.entity';
import { DomainEventRepository } from './domain-event.repository';

@ApiTags('sync')
@Controller('api/v1/sync')
export class SyncController {
  constructor(private readonly events: DomainEventRepository) {}

  @Get()
  @Authenticated({ permission: Permission.TasksRead })
  @ApiQuery({ name: 'after', required: false, description: 'last sequence number seen (default 0)' })
  @ApiQuery({ name: 'limit', required: false, description: '1..1000, default 500' })
  @ApiOkResponse({ description: "The tenant's domain events after the given sequence number, in order" })
  async sync(
    @Query('after') afterRaw?: unknown,
    @Query('limit') limitRaw?: unknown,
  ): Promise<Enveloped<unknown[]>> {
    const details: { field: string; message: string }[] = [];
    const after = afterRaw === undefined ? 0 : Number(afterRaw);
    if (typeof afterRaw !== 'undefined' && (typeof afterRaw !== 'string' || !/^\d{1,15}$/.test(afterRaw)))
      details.push({ field: 'after', message: 'must be a non-negative integer' });
    const limit = limitRaw === undefined ? 500 : Number(limitRaw);
    if (
      typeof limitRaw !== 'undefined' &&
      (typeof limitRaw !== 'string' || !/^\d+$/.test(limitRaw) || limit < 1 || limit > 1000)
    )
      details.push({ field: 'limit', message: 'must be an integer between 1 and 1000' });
    if (details.length) throw AppException.validation(details);
    const rows = await this.events.after(after, limit + 1);
    const page = rows.slice(0, limit).map(toDomainEventContract);
    const last = page.length ? page[page.length - 1].sequence : after;
    return new Enveloped(
      page,
      { count: page.length, last_sequence: last, has_more: rows.length > limit },
      { next: rows.length > limit ? `/api/v1/sync?after=${last}&limit=${limit}` : null },
    );
  }
}
