import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import { AppException, Authenticated, Enveloped, RequestContext } from '@oversing/platform';
import { EventVisibility } from './event-visibility';
import { Permission } from '../access/permissions';
import { toDomainEventContract } from './domain-event.entity';
import { DomainEventRepository } from './domain-event.repository';

@ApiTags('sync')
@Controller('api/v1/sync')
export class SyncController {
  constructor(
    private readonly events: DomainEventRepository,
    private readonly visibility: EventVisibility,
  ) {}

  @Get()
  @Authenticated({ permission: Permission.TasksRead })
  @ApiQuery({ name: 'after', required: false, description: 'last sequence number seen (default 0)' })
  @ApiQuery({ name: 'limit', required: false, description: '1..1000, default 500' })
  @ApiOkResponse({
    description:
      "The tenant's domain events after the given sequence number that the caller may read, in order; " +
      'meta.last_sequence is the cursor for the next call (it also moves past events the caller may not read)',
  })
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
    const scanned = rows.slice(0, limit).map(toDomainEventContract);
    // the cursor moves past events the caller may not read: they are skipped, not waited for
    const last = scanned.length ? scanned[scanned.length - 1].sequence : after;
    const principal = RequestContext.current()?.principal;
    const page = principal ? await this.visibility.visibleTo(principal, scanned) : [];
    return new Enveloped(
      page,
      {
        count: page.length,
        last_sequence: last,
        latest_sequence: await this.events.lastSequence(),
        has_more: rows.length > limit,
      },
      { next: rows.length > limit ? `/api/v1/sync?after=${last}&limit=${limit}` : null },
    );
  }
}
