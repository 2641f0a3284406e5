import {
  Body,
  Controller,
  Delete,
  Get,
  Headers,
  HttpCode,
  Param,
  Patch,
  Post,
  Query,
  Res,
} from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Authenticated, Enveloped, etagOf, parseIfMatch } from '@oversing/platform';
import { Permission } from '../access/permissions';
import { CreateWebhookDto, UpdateWebhookDto } from './dto/webhook.dto';
import { publicSubscription } from './webhook.entities';
import { WebhooksService } from './webhooks.service';

const SIGNATURE_DOC =
  'Deliveries are POSTed as JSON {id, type, tenant_id, sequence, entity_type, entity_id, occurred_at, data} ' +
  'with X-Oversing-Event, X-Oversing-Delivery (idempotency id) and X-Oversing-Signature: ' +
  't=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>" keyed with the secret>';

@ApiTags('webhooks')
@Controller('api/v1/webhooks')
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  @Get()
  @Authenticated({ permission: Permission.WebhooksManage })
  @ApiQuery({ name: 'filter[active]', required: false, description: 'true or false' })
  @ApiQuery({ name: 'sort', required: false, description: 'created_at (prefix - for descending)' })
  @ApiQuery({ name: 'limit', required: false })
  @ApiQuery({ name: 'cursor', required: false })
  @ApiOkResponse({ description: 'The tenant’s webhook subscriptions (never their secrets)' })
  list(@Query() query: Record<string, unknown>): Promise<Enveloped<Record<string, unknown>[]>> {
    return this.webhooks.list(query);
  }

  @Post()
  @Authenticated({ permission: Permission.WebhooksManage })
  @ApiOkResponse({
    description: `The subscription with its signing secret, shown only now. ${SIGNATURE_DOC}`,
  })
  async create(
    @Body() dto: CreateWebhookDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Record<string, unknown>> {
    const { subscription, secret } = await this.webhooks.create(dto);
    void reply.header('etag', etagOf(subscription.version));
    return { ...publicSubscription(subscription), secret };
  }

  @Get(':id')
  @Authenticated({ permission: Permission.WebhooksManage })
  async get(
    @Param('id') id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Record<string, unknown>> {
    const subscription = await this.webhooks.get(id);
    void reply.header('etag', etagOf(subscription.version));
    return publicSubscription(subscription);
  }

  @Patch(':id')
  @Authenticated({ permission: Permission.WebhooksManage })
  @ApiHeader({ name: 'If-Match', required: false, description: 'ETag of the version being edited' })
  async update(
    @Param('id') id: string,
    @Body() dto: UpdateWebhookDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Record<string, unknown>> {
    const subscription = await this.webhooks.update(id, dto, parseIfMatch(ifMatch));
    void reply.header('etag', etagOf(subscription.version));
    return publicSubscription(subscription);
  }

  @Post(':id/secret')
  @Authenticated({ permission: Permission.WebhooksManage })
  @ApiOkResponse({ description: 'Replaces the signing secret; the new one is shown only now' })
  async rotateSecret(@Param('id') id: string): Promise<Record<string, unknown>> {
    const { subscription, secret } = await this.webhooks.rotateSecret(id);
    return { ...publicSubscription(subscription), secret };
  }

  @Delete(':id')
  @HttpCode(204)
  @Authenticated({ permission: Permission.WebhooksManage })
  @ApiHeader({ name: 'If-Match', required: false, description: 'ETag of the version being deleted' })
  remove(@Param('id') id: string, @Headers('if-match') ifMatch: string | undefined): Promise<void> {
    return this.webhooks.remove(id, parseIfMatch(ifMatch));
  }

  @Get(':id/deliveries')
  @Authenticated({ permission: Permission.WebhooksManage })
  @ApiQuery({ name: 'filter[status]', required: false, description: 'pending, delivered or dead' })
  @ApiQuery({ name: 'filter[event_type]', required: false })
  @ApiQuery({ name: 'sort', required: false, description: 'created_at (default -created_at)' })
  @ApiQuery({ name: 'limit', required: false })
  @ApiQuery({ name: 'cursor', required: false })
  @ApiOkResponse({
    description: 'Delivery log: status, attempts, next attempt, last response code, error and duration',
  })
  deliveries(
    @Param('id') id: string,
    @Query() query: Record<string, unknown>,
  ): Promise<Enveloped<Record<string, unknown>[]>> {
    return this.webhooks.deliveryLog(id, query);
  }
}
