import { Injectable } from '@nestjs/common';
import { IsNull } from 'typeorm';
import { UnitOfWork } from '@oversing/platform';
import { AuditDeadLetter } from './audit-dead-letter.entity';

export interface DeadLetterView {
  id: string;
  event_id: string;
  tenant_id: string;
  status: number;
  reason: string;
  dead_lettered_at: string;
}

/**
 * The relay's dead letters, for operators (CLI `audit:dead-letters`, `audit:replay`): across tenants, as
 * the relay itself works across tenants.
 */
@Injectable()
export class AuditDeadLettersRepository {
  constructor(private readonly uow: UnitOfWork) {}

  async open(limit = 100): Promise<DeadLetterView[]> {
    const rows = await this.uow.repositoryFor(AuditDeadLetter).find({
      where: { replayedAt: IsNull() },
      order: { id: 'ASC' },
      take: limit,
    });
    return rows.map((row) => ({
      id: row.id,
      event_id: row.eventId,
      tenant_id: row.tenantId,
      status: row.status,
      reason: row.reason,
      dead_lettered_at: row.deadLetteredAt.toISOString(),
    }));
  }

  /**
   * Puts dead-lettered events back in the relay's queue (after the cause was fixed): the next relay run
   * sends them again; refused again, they come back here with a new reason. Returns the event ids.
   */
  replay(eventIds: string[] | 'all'): Promise<string[]> {
    return this.uow.run(async () => {
      const manager = this.uow.manager();
      const rows = (await manager.query(
        `UPDATE audit_dead_letters SET replayed_at = now()
          WHERE replayed_at IS NULL AND ($1::uuid[] IS NULL OR event_id = ANY($1::uuid[]))
          RETURNING event_id`,
        [eventIds === 'all' ? null : eventIds],
      )) as [{ event_id: string }[], number] | { event_id: string }[];
      const returned = Array.isArray(rows[0])
        ? (rows[0] as { event_id: string }[])
        : (rows as { event_id: string }[]);
      const ids = [...new Set(returned.map((r) => r.event_id))];
      if (ids.length > 0) {
        await manager.query(
          `UPDATE audit_outbox SET dead_lettered_at = NULL WHERE event_id = ANY($1::uuid[])`,
          [ids],
        );
      }
      return ids;
    });
  }
}
