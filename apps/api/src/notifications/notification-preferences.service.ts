import { Injectable } from '@nestjs/common';
import { AppException, UnitOfWork } from '@oversing/platform';
import { NotificationPreferenceRepository } from './notification.repository';
import { isNotificationType, NOTIFICATION_TYPES, NotificationType } from './notification-types';

export interface ChannelPreference {
  type: NotificationType;
  label: string;
  /** the notification centre and the live event: always on */
  in_app: true;
  push: boolean;
  email: boolean;
}

/** Each user's channels per notification type: the type's defaults until the user changes them. */
@Injectable()
export class NotificationPreferencesService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly preferences: NotificationPreferenceRepository,
  ) {}

  async of(userId: string): Promise<ChannelPreference[]> {
    const stored = new Map((await this.preferences.forUser(userId)).map((p) => [p.type, p]));
    return (Object.keys(NOTIFICATION_TYPES) as NotificationType[]).map((type) => {
      const defaults = NOTIFICATION_TYPES[type];
      const own = stored.get(type);
      return {
        type,
        label: defaults.label,
        in_app: true,
        push: own?.push ?? defaults.push,
        email: own?.email ?? defaults.email,
      };
    });
  }

  async channelsOf(userId: string, type: NotificationType): Promise<{ push: boolean; email: boolean }> {
    const found = (await this.of(userId)).find((p) => p.type === type)!;
    return { push: found.push, email: found.email };
  }

  async update(
    userId: string,
    changes: { type: string; push: boolean; email: boolean }[],
  ): Promise<ChannelPreference[]> {
    const unknown = changes.findIndex((c) => !isNotificationType(c.type));
    if (unknown >= 0)
      throw AppException.validation([
        {
          field: `preferences.${unknown}.type`,
          message: `must be one of ${Object.keys(NOTIFICATION_TYPES).join(', ')}`,
        },
      ]);
    await this.uow.run(async () => {
      for (const change of changes)
        await this.preferences.upsert(userId, change.type, { push: change.push, email: change.email });
    });
    return this.of(userId);
  }
}
