import { Body, Controller, Delete, Get, Headers, HttpCode, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Authenticated } from '@oversing/platform';
import {
  CreatePushSubscriptionDto,
  DeletePushSubscriptionDto,
  PushSubscriptionEnvelopeDto,
  VapidPublicKeyEnvelopeDto,
} from './dto/push-subscription.dto';
import { PushService } from './push.service';

/** Web Push for the PWA: the VAPID key to subscribe with, and the user's subscriptions. */
@ApiTags('push')
@Controller('api/v1/push')
export class PushController {
  constructor(private readonly push: PushService) {}

  @Get('vapid-public-key')
  @Authenticated()
  @ApiOkResponse({ type: VapidPublicKeyEnvelopeDto })
  vapidPublicKey(): { public_key: string } {
    return this.push.vapidPublicKey();
  }

  @Post('subscriptions')
  @Authenticated()
  @ApiCreatedResponse({
    type: PushSubscriptionEnvelopeDto,
    description:
      'Stores the browser subscription for the signed-in user; idempotent by endpoint. Notifications: ' +
      'task assignments and certification decisions, JSON {type, title, body, url, tag, task_id}',
  })
  subscribe(
    @Body() dto: CreatePushSubscriptionDto,
    @Headers('user-agent') userAgent: string | undefined,
  ): Promise<Record<string, unknown>> {
    return this.push.subscribe(dto, userAgent);
  }

  @Delete('subscriptions')
  @HttpCode(204)
  @Authenticated()
  @ApiNoContentResponse({ description: 'Removed; 404 when the user has no subscription with this endpoint' })
  unsubscribe(@Body() dto: DeletePushSubscriptionDto): Promise<void> {
    return this.push.unsubscribe(dto.endpoint);
  }
}
