import { randomUUID } from 'node:crypto';
import { AppException, RequestContext } from '@oversing/platform';
import { canonicalSha256Hex } from '@oversing/verifier';
import { AuditDatabase } from '../infrastructure/audit-database';
import { PoliciesRepository, PolicyRow } from './policies.repository';
import { PolicyRules, PolicyRulesError, PolicyThresholds, validateRules } from './policy-engine';

export interface PolicyInput {
  key: string;
  name: string;
  rules: PolicyRules;
  thresholds?: PolicyThresholds;
  validity_days?: number | null;
}

export interface PolicyView {
  id: string;
  key: string;
  version: number;
  name: string;
  hash: string;
  rules: PolicyRules;
  thresholds: PolicyThresholds;
  validity_days: number | null;
  created_by: string | null;
  created_at: string;
}

/** The hash that names a policy version: canonical SHA-256 of everything that decides an evaluation. */
export function policyHash(p: {
  key: string;
  version: number;
  rules: PolicyRules;
  thresholds: PolicyThresholds;
  validity_days: number | null;
}): string {
  return canonicalSha256Hex({
    key: p.key,
    version: p.version,
    rules: p.rules,
    thresholds: p.thresholds,
    validity_days: p.validity_days,
  });
}

export function toPolicyView(row: PolicyRow): PolicyView {
  return {
    id: row.id,
    key: row.key,
    version: row.version,
    name: row.name,
    hash: row.rules_hash.trim(),
    rules: row.rules,
    thresholds: row.thresholds,
    validity_days: row.validity_days,
    created_by: row.created_by,
    created_at: row.created_at.toISOString(),
  };
}

/** Versioned, immutable governance policies: saving a key again appends its next version. */
export class PoliciesService {
  readonly repository: PoliciesRepository;

  constructor(private readonly db: AuditDatabase) {
    this.repository = new PoliciesRepository(db);
  }

  async save(input: PolicyInput): Promise<PolicyView> {
    try {
      validateRules(input.rules);
    } catch (e) {
      if (e instanceof PolicyRulesError) throw AppException.validation(e.problems);
      throw e;
    }
    const principal = RequestContext.principal();
    const tenantId = RequestContext.tenantId();
    const row = await this.db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`policy:${tenantId}:${input.key}`]);
      const version = ((await this.repository.latest(input.key, tx))?.version ?? 0) + 1;
      const thresholds = input.thresholds ?? {};
      const validity = input.validity_days ?? null;
      return this.repository.insert(
        {
          id: randomUUID(),
          key: input.key,
          version,
          name: input.name,
          rules: input.rules,
          thresholds,
          validity_days: validity,
          rules_hash: policyHash({
            key: input.key,
            version,
            rules: input.rules,
            thresholds,
            validity_days: validity,
          }),
          created_by: principal ? `${principal.kind}:${principal.id}` : 'system',
        },
        tx,
      );
    });
    return toPolicyView(row);
  }

  async list(): Promise<PolicyView[]> {
    return (await this.repository.listLatest()).map(toPolicyView);
  }

  async versions(key: string): Promise<PolicyView[]> {
    const rows = await this.repository.versions(key);
    if (rows.length === 0) throw AppException.notFound('Policy');
    return rows.map(toPolicyView);
  }
}
