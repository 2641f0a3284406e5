import { Injectable } from '@nestjs/common';
import { IsNull } from 'typeorm';
import { RequestContext, TenantScopedRepository, UnitOfWork } from '@oversing/platform';
import { Notification, NotificationPreference } from './notification.entities';

export interface NewNotification {
  userId: string;
  type: string;
  cause: string;
  title: string;
  body: string;
  url: string;
  taskId: string | null;
}

@Injectable()
export class NotificationRepository extends TenantScopedRepository<Notification> {
  constructor(uow: UnitOfWork) {
    super(uow, Notification, 'notification');
  }

  /** Stores it once per user and cause; null when it was stored before (the cause was handled already). */
  async insertOnce(values: NewNotification): Promise<Notification | null> {
    const rows = (await this.uow.manager().query(
      // milliseconds, as JavaScript dates carry them, so a keyset cursor names a row exactly
      `INSERT INTO notifications (tenant_id, user_id, type, cause, title, body, url, task_id, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, date_trunc('milliseconds', now()))
       ON CONFLICT (tenant_id, user_id, cause) DO NOTHING
       RETURNING id`,
      [
        RequestContext.tenantId(),
        values.userId,
        values.type,
        values.cause,
        values.title.slice(0, 300),
        values.body,
        values.url.slice(0, 500),
        values.taskId,
      ],
    )) as { id: string }[];
    return rows[0] ? this.findById(rows[0].id) : null;
  }

  /** Newest first, keyset-paginated by (created_at, id). */
  page(
    userId: string,
    limit: number,
    options: { unreadOnly: boolean; after?: { createdAt: string; id: string } },
  ): Promise<Notification[]> {
    const query = this.scopedQuery()
      .andWhere('notification.user_id = :userId', { userId })
      .orderBy('notification.created_at', 'DESC')
      .addOrderBy('notification.id', 'DESC')
      .limit(limit + 1);
    if (options.unreadOnly) query.andWhere('notification.read_at IS NULL');
    if (options.after)
      query.andWhere('(notification.created_at, notification.id) < (:afterCreatedAt, :afterId)', {
        afterCreatedAt: options.after.createdAt,
        afterId: options.after.id,
      });
    return query.getMany();
  }

  unreadCount(userId: string): Promise<number> {
    return this.scopedQuery()
      .andWhere('notification.user_id = :userId', { userId })
      .andWhere('notification.read_at IS NULL')
      .getCount();
  }

  /** Marks one of the user's notifications read; null when the user has no such notification. */
  async markRead(userId: string, id: string): Promise<Notification | null> {
    const found = await this.findById(id);
    if (!found || found.userId !== userId) return null;
    if (!found.readAt) {
      await this.repository.update(this.scopedWhere({ id, userId, readAt: IsNull() }), {
        readAt: new Date(),
      });
    }
    return this.findById(id);
  }

  async markAllRead(userId: string): Promise<number> {
    const result = await this.repository.update(this.scopedWhere({ userId, readAt: IsNull() }), {
      readAt: new Date(),
    });
    return result.affected ?? 0;
  }
}

/** Preferences have a composite key (tenant, user, type); every query names the context's tenant. */
@Injectable()
export class NotificationPreferenceRepository {
  constructor(private readonly uow: UnitOfWork) {}

  forUser(userId: string): Promise<NotificationPreference[]> {
    return this.uow
      .repositoryFor(NotificationPreference)
      .find({ where: { tenantId: RequestContext.tenantId(), userId } });
  }

  async upsert(userId: string, type: string, channels: { push: boolean; email: boolean }): Promise<void> {
    await this.uow.manager().query(
      `INSERT INTO notification_preferences (tenant_id, user_id, type, push, email)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (tenant_id, user_id, type) DO UPDATE
         SET push = EXCLUDED.push, email = EXCLUDED.email, updated_at = now()`,
      [RequestContext.tenantId(), userId, type, channels.push, channels.email],
    );
  }
}
