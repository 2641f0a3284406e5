import { Injectable } from '@nestjs/common';
import { TenantScopedRepository, UnitOfWork } from '@oversing/platform';
import { CertificationRequest } from './certification-request.entity';

/** Lease taken by a delivery attempt: another process does not retry the row before it expires. */
const LEASE_SECONDS = 60;

/** The `certification_requests` outbox of the current tenant. */
@Injectable()
export class CertificationRequestRepository extends TenantScopedRepository<CertificationRequest> {
  constructor(uow: UnitOfWork) {
    super(uow, CertificationRequest, 'request');
  }

  /**
   * Claims a due pending request for one delivery attempt (conditional UPDATE, so of two processes
   * only one gets it) and leases it for LEASE_SECONDS; null when it is not due or not pending.
   */
  async claim(id: string): Promise<CertificationRequest | null> {
    const claimed = await this.repository
      .createQueryBuilder()
      .update(CertificationRequest)
      .set({
        attempts: () => 'attempts + 1',
        nextAttemptAt: () => `now() + interval '${LEASE_SECONDS} seconds'`,
      })
      .where('id = :id AND tenant_id = :tenantId', { id, tenantId: this.tenantId })
      .andWhere(`status = 'pending' AND next_attempt_at <= now()`)
      .returning('id')
      .execute();
    return (claimed.raw as unknown[]).length ? this.findById(id) : null;
  }

  async markDelivered(id: string, certificationId: string, certificationStatus: string): Promise<void> {
    await this.repository.update(this.scopedWhere({ id }), {
      status: 'delivered',
      certificationId,
      certificationStatus,
      lastError: null,
    });
  }

  /** Records a failed attempt: retried at `retryAt`, or given up (`failed`) when retryAt is null. */
  async markAttemptFailed(id: string, error: string, retryAt: Date | null): Promise<void> {
    await this.repository.update(this.scopedWhere({ id }), {
      lastError: error.slice(0, 2000),
      ...(retryAt ? { nextAttemptAt: retryAt } : { status: 'failed' }),
    });
  }

  /**
   * Due pending requests of every tenant (the retry sweep, a system job outside any request): the one
   * unscoped query here, returning only ids and tenants; each delivery then runs in its tenant.
   */
  async dueAcrossTenants(limit: number): Promise<{ id: string; tenant_id: string }[]> {
    return this.uow.manager().query(
      `SELECT id, tenant_id FROM certification_requests
         WHERE status = 'pending' AND next_attempt_at <= now() ORDER BY next_attempt_at LIMIT $1`,
      [limit],
    ) as Promise<{ id: string; tenant_id: string }[]>;
  }
}
