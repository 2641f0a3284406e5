import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, Logger, OnApplicationShutdown } from '@nestjs/common';
import { Job } from 'bullmq';
import { Counter } from 'prom-client';
import { getOrCreate, metricsRegistry, QueueName } from '@oversing/platform';
import type { MailJob } from '@oversing/platform';
import { SmtpMailSender } from './smtp-mail-sender';

export const MAIL_QUEUE = QueueName.Mail;

const mails = (): Counter<'kind' | 'result'> =>
  getOrCreate(
    'mail_messages_total',
    () =>
      new Counter({
        name: 'mail_messages_total',
        help: 'Email messages handed to the SMTP server, by kind and result (sent, failed)',
        labelNames: ['kind', 'result'],
        registers: [metricsRegistry()],
      }),
  ) as Counter<'kind' | 'result'>;

/**
 * The `mail` queue: one message per job, sent through SMTP. A refusal or an unreachable server throws,
 * so BullMQ retries with the backoff the API gave the job; jobs that exhaust their attempts stay in the
 * queue's failed list (the dead letters, visible and retryable in the queue dashboard).
 */
@Processor(MAIL_QUEUE, { concurrency: 4 })
export class MailProcessor extends WorkerHost implements OnApplicationShutdown {
  private readonly logger = new Logger('MailProcessor');

  constructor(@Inject(SmtpMailSender) private readonly sender: SmtpMailSender) {
    super();
  }

  async process(job: Job<MailJob>): Promise<{ messageId: string }> {
    try {
      const sent = await this.sender.send(job.data);
      mails().inc({ kind: job.data.kind, result: 'sent' });
      return sent;
    } catch (error) {
      mails().inc({ kind: job.data.kind, result: 'failed' });
      this.logger.warn(
        `${job.data.kind} mail (job ${job.id}) failed on attempt ${job.attemptsMade + 1}: ${(error as Error).message}`,
      );
      throw error;
    }
  }

  onApplicationShutdown(): void {
    this.sender.close();
  }
}
