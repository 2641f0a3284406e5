import { randomBytes, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import {
  AppException,
  assertVersionMatches,
  Enveloped,
  ErrorDetail,
  isUuid,
  KEY_ENCRYPTION,
  paginate,
  parseListQuery,
  UnitOfWork,
} from '@oversing/platform';
import type { KeyEncryption } from '@oversing/platform';
import { API_CONFIG } from '../api.config';
import type { ApiConfig } from '../api.config';
import { AuditRecorder } from '../audit/audit-recorder';
import { CreateWebhookDto, UpdateWebhookDto } from './dto/webhook.dto';
import { webhookUrlProblem } from './webhook-url';
import {
  DELIVERY_STATUSES,
  publicDelivery,
  publicSubscription,
  WebhookSubscription,
} from './webhook.entities';
import { WebhookDeliveryRepository, WebhookSubscriptionRepository } from './webhook.repository';

/** Associated data binding an encrypted secret to its subscription (the worker decrypts with the same). */
export const webhookSecretAad = (subscriptionId: string): string => `webhook-secret:${subscriptionId}`;

/** Integrators' webhook subscriptions: CRUD, the secret shown once, the delivery log. */
@Injectable()
export class WebhooksService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly subscriptions: WebhookSubscriptionRepository,
    private readonly deliveries: WebhookDeliveryRepository,
    private readonly audit: AuditRecorder,
    @Inject(KEY_ENCRYPTION) private readonly keys: KeyEncryption,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
  ) {}

  async list(raw: Record<string, unknown>): Promise<Enveloped<Record<string, unknown>[]>> {
    const query = parseListQuery(raw, {
      sortable: { created_at: 'created_at' },
      filterable: ['active'],
      selectable: [],
      defaultSort: 'created_at',
    });
    if (query.filters.active !== undefined && !['true', 'false'].includes(query.filters.active))
      throw AppException.validation([{ field: 'filter[active]', message: 'must be true or false' }]);
    const rows = await this.subscriptions.list(query);
    const params = new URLSearchParams({ limit: String(query.limit) });
    if (query.filters.active !== undefined) params.set('filter[active]', query.filters.active);
    return paginate(
      rows.map(publicSubscription),
      query,
      (row) => [...query.sort.map((s) => row[s.field] as string), row.id as string],
      `/api/v1/webhooks?${params.toString()}`,
    );
  }

  async get(id: string): Promise<WebhookSubscription> {
    const subscription = await this.subscriptions.findById(id);
    if (!subscription) throw AppException.notFound('Webhook');
    return subscription;
  }

  /** Creates a subscription; the response carries the signing secret, which is never shown again. */
  async create(dto: CreateWebhookDto): Promise<{ subscription: WebhookSubscription; secret: string }> {
    this.checkUrl(dto.url);
    const id = randomUUID();
    const secret = newSecret();
    return this.uow.run(async () => {
      const subscription = await this.subscriptions.insert({
        id,
        url: dto.url,
        description: dto.description ?? '',
        eventTypes: dto.event_types,
        secretEncrypted: await this.keys.encrypt(Buffer.from(secret), webhookSecretAad(id)),
        active: dto.active ?? true,
      });
      await this.audit.record({
        entityType: 'webhook',
        entityId: id,
        action: 'created',
        before: null,
        after: publicSubscription(subscription),
      });
      return { subscription, secret };
    });
  }

  async update(id: string, dto: UpdateWebhookDto, ifMatch: number | undefined): Promise<WebhookSubscription> {
    if (dto.url !== undefined) this.checkUrl(dto.url);
    return this.uow.run(async () => {
      const subscription = await this.subscriptions.findForUpdate(id);
      if (!subscription) throw AppException.notFound('Webhook');
      assertVersionMatches('webhook', subscription.version, ifMatch);
      const before = publicSubscription(subscription);
      if (dto.url !== undefined) subscription.url = dto.url;
      if (dto.event_types !== undefined) subscription.eventTypes = dto.event_types;
      if (dto.description !== undefined) subscription.description = dto.description;
      if (dto.active !== undefined) subscription.active = dto.active;
      const saved = await this.subscriptions.save(subscription);
      await this.audit.record({
        entityType: 'webhook',
        entityId: id,
        action: 'updated',
        before,
        after: publicSubscription(saved),
      });
      return saved;
    });
  }

  /** Replaces the signing secret; the new one is returned once. */
  async rotateSecret(id: string): Promise<{ subscription: WebhookSubscription; secret: string }> {
    const secret = newSecret();
    return this.uow.run(async () => {
      const subscription = await this.subscriptions.findForUpdate(id);
      if (!subscription) throw AppException.notFound('Webhook');
      subscription.secretEncrypted = await this.keys.encrypt(Buffer.from(secret), webhookSecretAad(id));
      const saved = await this.subscriptions.save(subscription);
      await this.audit.record({
        entityType: 'webhook',
        entityId: id,
        action: 'secret_rotated',
        before: null,
        after: publicSubscription(saved),
      });
      return { subscription: saved, secret };
    });
  }

  async remove(id: string, ifMatch: number | undefined): Promise<void> {
    await this.uow.run(async () => {
      const subscription = await this.subscriptions.findForUpdate(id);
      if (!subscription) throw AppException.notFound('Webhook');
      assertVersionMatches('webhook', subscription.version, ifMatch);
      await this.subscriptions.deleteById(id);
      await this.audit.record({
        entityType: 'webhook',
        entityId: id,
        action: 'deleted',
        before: publicSubscription(subscription),
        after: null,
      });
    });
  }

  async deliveryLog(id: string, raw: Record<string, unknown>): Promise<Enveloped<Record<string, unknown>[]>> {
    const query = parseListQuery(raw, {
      sortable: { created_at: 'created_at' },
      filterable: ['status', 'event_type'],
      selectable: [],
      defaultSort: '-created_at',
      maxLimit: 200,
    });
    const details: ErrorDetail[] = [];
    if (query.filters.status && !(DELIVERY_STATUSES as readonly string[]).includes(query.filters.status))
      details.push({ field: 'filter[status]', message: `must be one of ${DELIVERY_STATUSES.join(', ')}` });
    if (query.filters.event_type && query.filters.event_type.length > 100)
      details.push({ field: 'filter[event_type]', message: 'must be at most 100 characters' });
    if (details.length) throw AppException.validation(details);
    if (!isUuid(id)) throw AppException.notFound('Webhook');
    await this.get(id);
    const rows = await this.deliveries.listForSubscription(id, query);
    const params = new URLSearchParams({ limit: String(query.limit) });
    for (const [key, value] of Object.entries(query.filters)) params.set(`filter[${key}]`, value);
    params.set('sort', query.sort.map((s) => (s.direction === 'DESC' ? '-' : '') + s.field).join(','));
    return paginate(
      rows.map(publicDelivery),
      query,
      (row) => [...query.sort.map((s) => row[s.field] as string), row.id as string],
      `/api/v1/webhooks/${id}/deliveries?${params.toString()}`,
    );
  }

  private checkUrl(url: string): void {
    const problem = webhookUrlProblem(
      url,
      this.config.NODE_ENV === 'production',
      this.config.OUTBOUND_ALLOWLIST,
    );
    if (problem) throw AppException.validation([problem]);
  }
}

/** 256 random bits; the receiver uses the whole string as the HMAC-SHA256 key. */
function newSecret(): string {
  return `whsec_${randomBytes(32).toString('base64url')}`;
}
