import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, Query } from '@nestjs/common';
import { ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Authenticated } from '@oversing/platform';
import {
  MarkAllReadEnvelopeDto,
  NotificationEnvelopeDto,
  NotificationListDto,
  NotificationPreferencesEnvelopeDto,
  UpdateNotificationPreferencesDto,
} from './dto/notification.dto';
import { NotificationsService } from './notifications.service';

/** The signed-in user's notification centre and notification settings. */
@ApiTags('notifications')
@Controller('api/v1/notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  @Authenticated()
  @ApiQuery({ name: 'limit', required: false, description: '1..100, default 20' })
  @ApiQuery({ name: 'cursor', required: false })
  @ApiQuery({ name: 'unread', required: false, enum: ['true', 'false'] })
  @ApiOkResponse({
    type: NotificationListDto,
    description: 'Newest first; meta.unread_count counts all unread',
  })
  list(@Query() query: Record<string, string>): ReturnType<NotificationsService['list']> {
    return this.notifications.list(query);
  }

  @Get('preferences')
  @Authenticated()
  @ApiOkResponse({ type: NotificationPreferencesEnvelopeDto })
  preferences(): ReturnType<NotificationsService['preferencesOf']> {
    return this.notifications.preferencesOf();
  }

  @Put('preferences')
  @Authenticated()
  @ApiOkResponse({ type: NotificationPreferencesEnvelopeDto })
  updatePreferences(
    @Body() dto: UpdateNotificationPreferencesDto,
  ): ReturnType<NotificationsService['updatePreferences']> {
    return this.notifications.updatePreferences(dto.preferences);
  }

  @Post('read-all')
  @HttpCode(200)
  @Authenticated()
  @ApiOkResponse({ type: MarkAllReadEnvelopeDto })
  markAllRead(): ReturnType<NotificationsService['markAllRead']> {
    return this.notifications.markAllRead();
  }

  @Post(':id/read')
  @HttpCode(200)
  @Authenticated()
  @ApiOkResponse({ type: NotificationEnvelopeDto })
  markRead(@Param('id', new ParseUUIDPipe()) id: string): ReturnType<NotificationsService['markRead']> {
    return this.notifications.markRead(id);
  }
}
