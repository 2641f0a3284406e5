import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { JobsOptions, Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { QueueName } from '@oversing/platform';
import type { MailJob } from '@oversing/platform';
import { API_CONFIG } from '../api.config';
import type { ApiConfig } from '../api.config';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** what caused it: invitation, password_reset, or a notification type */
  kind: string;
  /** names the cause, so that enqueueing the same cause twice sends one mail */
  key: string;
}

/** Outgoing mail. Services hand over a rendered message; the transport is someone else's concern. */
export abstract class Mailer {
  abstract send(message: MailMessage): Promise<void>;
}

/**
 * Retries of a mail: 6 attempts, 15 s doubling (about 8 minutes in all). Sent jobs are removed at once
 * (a mail may carry a sign-in link); failed ones stay in the queue's failed list as dead letters.
 */
const JOB_OPTIONS: JobsOptions = {
  attempts: 6,
  backoff: { type: 'exponential', delay: 15_000 },
  removeOnComplete: true,
  removeOnFail: 5_000,
};

/** Enqueues each mail on the worker's `mail` queue, which sends it through SMTP_URL with nodemailer. */
@Injectable()
export class QueuedMailer extends Mailer implements OnApplicationShutdown {
  private readonly connection: Redis;
  private readonly queue: Queue<MailJob>;

  constructor(@Inject(API_CONFIG) config: ApiConfig) {
    super();
    this.connection = new Redis(config.REDIS_URL, { maxRetriesPerRequest: null });
    this.connection.on('error', () => undefined);
    this.queue = new Queue<MailJob>(QueueName.Mail, {
      connection: this.connection,
      prefix: config.BULLMQ_PREFIX,
    });
  }

  async send(message: MailMessage): Promise<void> {
    const { key, ...mail } = message;
    await this.queue.add(mail.kind, mail, { ...JOB_OPTIONS, jobId: `mail-${key}` });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.queue.close().catch(() => undefined);
    this.connection.disconnect();
  }
}
