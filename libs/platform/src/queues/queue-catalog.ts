/**
 * Every BullMQ queue of the system, in one list, so the queue dashboard and the metrics see all of them
 * and the processes that own them use the same names. A queue's Redis keys start with its prefix:
 * the worker's, the API's and the certification service's queues use `BULLMQ_PREFIX` (default `bull`, the same
 * value in all three), the realtime server's use
 * `${REDIS_PREFIX}bull` (default `rt:bull`).
 */
export const QueueName = {
  /** apps/worker: drains the audit outbox to the certification service (repeatable job) */
  AuditRelay: 'audit-relay',
  /** apps/worker: outgoing webhook deliveries of the API's subscriptions */
  Webhooks: 'webhooks',
  /** apps/worker: scheduled idempotent housekeeping (webhook delivery retention) */
  Maintenance: 'maintenance',
  /** apps/worker: Web Push sends of the API's notifications, with retries */
  Notifications: 'notifications',
  /** apps/worker: outgoing email through SMTP (invitations, password resets, notification mails), with retries */
  Mail: 'mail',
  /** apps/certification: its scheduled log checkpoints, certificate expiries and audit partitions */
  CertificationMaintenance: 'certification-maintenance',
  /** apps/realtime: Pusher webhooks, with retries and exponential backoff */
  RealtimeWebhooks: 'realtime-webhooks',
  /** apps/api (its worker role): the repeatable sweep delivering pending automatic certification requests */
  CertificationRequests: 'certification-requests',
  /** apps/api (its worker role): the repeatable pull of the certification service's status feed */
  CertificationFeed: 'certification-feed',
  /** apps/worker: data exports (CSV) streamed into the database in chunks, with progress */
  Exports: 'exports',
} as const;

export type QueueNameValue = (typeof QueueName)[keyof typeof QueueName];

export interface QueueDescriptor {
  name: QueueNameValue;
  /** which process owns (produces and consumes) the queue, and so which key prefix it uses */
  owner: 'worker' | 'api' | 'certification' | 'realtime';
  description: string;
}

export const SYSTEM_QUEUES: readonly QueueDescriptor[] = [
  {
    name: QueueName.AuditRelay,
    owner: 'worker',
    description: 'Audit outbox relay to the certification service',
  },
  {
    name: QueueName.Webhooks,
    owner: 'worker',
    description: 'Outgoing webhook deliveries',
  },
  {
    name: QueueName.Maintenance,
    owner: 'worker',
    description: 'Scheduled maintenance jobs',
  },
  {
    name: QueueName.Notifications,
    owner: 'worker',
    description: 'Web Push notifications',
  },
  {
    name: QueueName.Mail,
    owner: 'worker',
    description: 'Outgoing email (SMTP); failed jobs are the dead letters',
  },
  {
    name: QueueName.CertificationMaintenance,
    owner: 'certification',
    description: 'Scheduled work of the certification service (checkpoints, expiries, partitions)',
  },
  {
    name: QueueName.RealtimeWebhooks,
    owner: 'realtime',
    description: 'Pusher webhooks of the realtime server',
  },
  {
    name: QueueName.CertificationRequests,
    owner: 'api',
    description: 'Retry sweep of automatic certification requests (processed by the API)',
  },
  {
    name: QueueName.CertificationFeed,
    owner: 'api',
    description: "Pull of the certification service's status feed into tasks (processed by the API)",
  },
  {
    name: QueueName.Exports,
    owner: 'worker',
    description: 'Data exports requested through POST /api/v1/exports',
  },
];

export interface QueuePrefixes {
  /** the worker's BULLMQ_PREFIX (the API's and the certification service's BULLMQ_PREFIX must be the same) */
  worker: string;
  /** the realtime server's REDIS_PREFIX (its queues live under `${REDIS_PREFIX}bull`) */
  realtimeRedisPrefix: string;
}

/** The BullMQ key prefix of a queue, given the prefixes the processes are configured with. */
export function queuePrefixOf(queue: QueueDescriptor, prefixes: QueuePrefixes): string {
  switch (queue.owner) {
    case 'worker':
    case 'api':
    case 'certification':
      return prefixes.worker;
    case 'realtime':
      return realtimeQueuePrefix(prefixes.realtimeRedisPrefix);
  }
}

/** The realtime server keeps its queues under its own Redis prefix. */
export function realtimeQueuePrefix(redisPrefix: string): string {
  return `${redisPrefix}bull`;
}

/**
 * A job of the `notifications` queue: one Web Push message to one subscription. The subscription is
 * read when the job runs (so a deleted one is skipped) and only within `tenant_id`.
 */
export interface PushNotificationJob {
  tenant_id: string;
  subscription_id: string;
  /** the domain event type that caused it (metric label) */
  event_type: string;
  /** what the service worker receives, as JSON */
  message: Record<string, unknown>;
}

/**
 * A job of the `mail` queue: one message to one recipient, rendered by the API (text and HTML) and sent
 * by the worker through SMTP_URL.
 */
export interface MailJob {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** what caused it (metric label and log field): invitation, password_reset, notification type */
  kind: string;
}

/** A job of the `exports` queue: the export row to produce (its id is also the job id). */
export interface DataExportJob {
  tenant_id: string;
  export_id: string;
}
