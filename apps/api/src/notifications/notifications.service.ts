import { Injectable } from '@nestjs/common';
import {
  AppException,
  decodeCursor,
  encodeCursor,
  Enveloped,
  Principal,
  RequestContext,
} from '@oversing/platform';
import { NotificationRepository } from './notification.repository';
import { NotificationDto, publicNotification } from './notification.view';
import { ChannelPreference, NotificationPreferencesService } from './notification-preferences.service';

/** The signed-in user's notification centre (OAuth clients have no one to notify). */
@Injectable()
export class NotificationsService {
  constructor(
    private readonly notifications: NotificationRepository,
    private readonly preferences: NotificationPreferencesService,
  ) {}

  async list(query: {
    limit?: string;
    cursor?: string;
    unread?: string;
  }): Promise<Enveloped<NotificationDto[]>> {
    const userId = this.currentUserId();
    const limit = query.limit === undefined ? 20 : Number(query.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > 100)
      throw AppException.validation([{ field: 'limit', message: 'must be an integer between 1 and 100' }]);
    if (query.unread !== undefined && query.unread !== 'true' && query.unread !== 'false')
      throw AppException.validation([{ field: 'unread', message: 'must be true or false' }]);
    let after: { createdAt: string; id: string } | undefined;
    if (query.cursor) {
      const [createdAt, id] = decodeCursor(query.cursor);
      if (typeof createdAt !== 'string' || typeof id !== 'string' || Number.isNaN(Date.parse(createdAt)))
        throw AppException.validation([{ field: 'cursor', message: 'is not a cursor of this list' }]);
      after = { createdAt, id };
    }
    const unreadOnly = query.unread === 'true';
    const [rows, unreadCount] = await Promise.all([
      this.notifications.page(userId, limit, { unreadOnly, after }),
      this.notifications.unreadCount(userId),
    ]);
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    const next = rows.length > limit && last ? encodeCursor([last.createdAt.toISOString(), last.id]) : null;
    return new Enveloped(
      page.map(publicNotification),
      { count: page.length, unread_count: unreadCount, next_cursor: next, has_more: next !== null },
      {
        next: next
          ? `/api/v1/notifications?cursor=${next}&limit=${limit}${unreadOnly ? '&unread=true' : ''}`
          : null,
      },
    );
  }

  async markRead(id: string): Promise<NotificationDto> {
    const found = await this.notifications.markRead(this.currentUserId(), id);
    if (!found) throw AppException.notFound('Notification');
    return publicNotification(found);
  }

  async markAllRead(): Promise<{ marked: number }> {
    return { marked: await this.notifications.markAllRead(this.currentUserId()) };
  }

  preferencesOf(): Promise<ChannelPreference[]> {
    return this.preferences.of(this.currentUserId());
  }

  updatePreferences(
    changes: { type: string; push: boolean; email: boolean }[],
  ): Promise<ChannelPreference[]> {
    return this.preferences.update(this.currentUserId(), changes);
  }

  private currentUserId(): string {
    const principal: Principal | undefined = RequestContext.principal();
    if (principal?.kind !== 'user')
      throw AppException.forbidden('Notifications belong to users; an OAuth client has none');
    return principal.id;
  }
}
