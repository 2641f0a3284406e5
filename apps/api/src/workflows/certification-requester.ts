import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { runInTenant } from '@oversing/platform';
import { AuditRecorder } from '../audit/audit-recorder';
import { DomainEventBus } from '../events/domain-event-bus';
import { TaskRepository } from '../tasks/task.repository';
import { CERTIFICATION_CLIENT } from './certification-client';
import type { CertificationClient } from './certification-client';
import { CertificationRequestRepository } from './certification-request.repository';

/** After this many failed attempts a request is marked `failed` (about a day of retries). */
export const MAX_CERTIFICATION_ATTEMPTS = 12;
const SWEEP_BATCH = 20;

/** What one sweep did: how many due requests it found (each was attempted once). */
export interface SweepResult {
  due: number;
}

/**
 * The Idempotency-Key of every attempt of one certification request: an attempt whose answer was lost
 * (a timeout, a dropped connection, a restarted API) or that overlaps one still running is answered with
 * the first one's certification (or 409 while it runs), never a second certification.
 */
export function certificationRequestKey(requestId: string): string {
  return `certification-request:${requestId}`;
}

/** Exponential backoff after the n-th failed attempt: 10 s, 20 s, 40 s … capped at 4 h. */
export function retryDelayMs(attempts: number): number {
  return Math.min(10_000 * 2 ** Math.max(0, attempts - 1), 4 * 3_600_000);
}

/**
 * Delivers `certification_requests` (written in the transaction of a workflow transition) to the
 * certification service: right after the transition commits, and again from a sweep (a repeatable job of
 * the `certification-requests` queue, CertificationRequestsProcessor) for requests whose attempt failed
 * (service down, policy missing, token refused), with exponential backoff. A claim is a conditional UPDATE with a lease, so several API processes never deliver the
 * same row at once; every attempt sends the same Idempotency-Key (certificationRequestKey), and a retry
 * first looks for a certification an earlier attempt obtained (by `metadata.certification_request_id`,
 * which also covers attempts older than the service's 24 h key retention) before asking again. On success the certification id and
 * status go into the task's audit history and a `certification.requested` domain event, in one
 * transaction with the row's `delivered` mark. Nothing here can fail a transition.
 */
@Injectable()
export class CertificationRequester implements OnModuleDestroy {
  private readonly logger = new Logger(CertificationRequester.name);
  private sweeping?: Promise<SweepResult>;
  /** Deliveries under way: shutdown waits for them, so none leaves its row leased (60 s) unrecorded. */
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    private readonly requests: CertificationRequestRepository,
    private readonly tasks: TaskRepository,
    private readonly audit: AuditRecorder,
    private readonly bus: DomainEventBus,
    @Inject(CERTIFICATION_CLIENT) private readonly client: CertificationClient,
  ) {}

  async onModuleDestroy(): Promise<void> {
    await this.sweeping?.catch(() => undefined);
    await Promise.all(this.inFlight);
  }

  /**
   * Retries every due pending request (each in its tenant); concurrent calls share one sweep. Rejects
   * only when the due requests cannot be read (the job then retries); a failed delivery is recorded on
   * its row instead.
   */
  sweep(): Promise<SweepResult> {
    this.sweeping ??= (async () => {
      try {
        const due = await this.requests.dueAcrossTenants(SWEEP_BATCH);
        for (const request of due) await this.deliver(request.tenant_id, request.id);
        return { due: due.length };
      } catch (error) {
        this.logger.warn(`certification request sweep failed: ${(error as Error).message}`);
        throw error;
      } finally {
        this.sweeping = undefined;
      }
    })();
    return this.sweeping;
  }

  /** One delivery attempt; never throws (a failure is recorded on the row and retried later). */
  deliver(tenantId: string, id: string): Promise<void> {
    const attempt = this.attempt(tenantId, id).finally(() => this.inFlight.delete(attempt));
    this.inFlight.add(attempt);
    return attempt;
  }

  private attempt(tenantId: string, id: string): Promise<void> {
    return runInTenant(tenantId, async () => {
      const request = await this.requests.claim(id).catch((error: Error) => {
        this.logger.warn(`certification request ${id}: claim failed: ${error.message}`);
        return null;
      });
      if (!request) return;
      try {
        const issued =
          (request.attempts > 1
            ? await this.client.findByRequest(tenantId, request.taskId, request.id)
            : null) ??
          (await this.client.certify(
            tenantId,
            {
              input: request.llmOutput.input,
              output: request.llmOutput.output,
              provider: request.llmOutput.provider,
              model: request.llmOutput.model,
              policy_key: request.policyKey,
              task_id: request.taskId,
              metadata: { certification_request_id: request.id, workflow_state: request.stateKey },
            },
            certificationRequestKey(request.id),
          ));
        await this.bus.transaction(async () => {
          await this.requests.markDelivered(request.id, issued.id, issued.status);
          const summary = {
            certification_id: issued.id,
            status: issued.status,
            policy_key: request.policyKey,
            state: request.stateKey,
          };
          await this.audit.record({
            entityType: 'task',
            entityId: request.taskId,
            action: 'certification_requested',
            before: null,
            after: summary,
            metadata: { certification_request_id: request.id, attempts: request.attempts },
          });
          const task = await this.tasks.findById(request.taskId);
          await this.bus.publish({
            type: 'certification.requested',
            entityType: 'task',
            entityId: request.taskId,
            channels: [
              `task.${request.taskId}`,
              ...(task ? [`program.${task.programId}`] : []),
              `tenant.${tenantId}`,
            ],
            payload: { task_id: request.taskId, request_id: request.id, ...summary },
          });
        });
      } catch (error) {
        const message = (error as Error).message;
        const retryAt =
          request.attempts >= MAX_CERTIFICATION_ATTEMPTS
            ? null
            : new Date(Date.now() + retryDelayMs(request.attempts));
        this.logger.warn(
          `certification request ${request.id} for task ${request.taskId} failed (attempt ${request.attempts}): ${message}${retryAt ? `; retry at ${retryAt.toISOString()}` : '; giving up'}`,
        );
        await this.requests
          .markAttemptFailed(request.id, message, retryAt)
          .catch((e: Error) => this.logger.warn(`certification request ${request.id}: ${e.message}`));
      }
    });
  }
}
