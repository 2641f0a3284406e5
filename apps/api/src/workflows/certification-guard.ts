import { Injectable } from '@nestjs/common';
import { CertificationProjectionRepository } from '../certifications/certification-projection.repository';

/**
 * Asked before a task enters a state flagged `requires_certification`: does the task have a valid
 * certification of its output?
 */
export interface CertificationGuard {
  hasValidCertification(taskId: string): Promise<CertificationCheck>;
}

export interface CertificationCheck {
  certified: boolean;
  /** Why not, when not (shown to the caller). */
  reason?: string;
  certification_id?: string;
}

export const CERTIFICATION_GUARD = Symbol('CERTIFICATION_GUARD');

/**
 * Reads the API's copy of certification statuses (fed by the certification service's status feed), so
 * the check runs inside the transition's transaction with no network call under the task's row lock.
 * Valid means: the task's latest certification is certified or approved and not expired. A revocation
 * made anywhere reaches the copy within the feed's poll interval (about a second).
 */
@Injectable()
export class ProjectedCertificationGuard implements CertificationGuard {
  constructor(private readonly certifications: CertificationProjectionRepository) {}

  async hasValidCertification(taskId: string): Promise<CertificationCheck> {
    const valid = await this.certifications.validLatestForTask(taskId);
    if (valid) return { certified: true, certification_id: valid.id };
    const latest = (await this.certifications.latestForTasks([taskId])).get(taskId);
    return {
      certified: false,
      reason: latest
        ? `the task's latest certification ${latest.number} is ${latest.status}`
        : 'the task has no valid certification',
    };
  }
}
