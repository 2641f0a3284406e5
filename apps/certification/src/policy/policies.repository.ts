import { RequestContext } from '@oversing/platform';
import { Queryable } from '../infrastructure/audit-database';
import type { PolicyRules, PolicyThresholds } from './policy-engine';

export interface PolicyRow {
  id: string;
  tenant_id: string;
  key: string;
  version: number;
  name: string;
  rules_hash: string;
  rules: PolicyRules;
  thresholds: PolicyThresholds;
  validity_days: number | null;
  created_by: string | null;
  created_at: Date;
}

/** governance_policies, always scoped by the tenant of the request context. */
export class PoliciesRepository {
  constructor(private readonly db: Queryable) {}

  async byId(id: string): Promise<PolicyRow | undefined> {
    const { rows } = await this.db.query<PolicyRow>(
      'SELECT * FROM governance_policies WHERE tenant_id = $1 AND id = $2',
      [RequestContext.tenantId(), id],
    );
    return rows[0];
  }

  async latest(key: string, db: Queryable = this.db): Promise<PolicyRow | undefined> {
    const { rows } = await db.query<PolicyRow>(
      'SELECT * FROM governance_policies WHERE tenant_id = $1 AND key = $2 ORDER BY version DESC LIMIT 1',
      [RequestContext.tenantId(), key],
    );
    return rows[0];
  }

  async versions(key: string): Promise<PolicyRow[]> {
    const { rows } = await this.db.query<PolicyRow>(
      'SELECT * FROM governance_policies WHERE tenant_id = $1 AND key = $2 ORDER BY version DESC',
      [RequestContext.tenantId(), key],
    );
    return rows;
  }

  async listLatest(): Promise<PolicyRow[]> {
    const { rows } = await this.db.query<PolicyRow>(
      `SELECT DISTINCT ON (key) * FROM governance_policies WHERE tenant_id = $1 ORDER BY key, version DESC`,
      [RequestContext.tenantId()],
    );
    return rows;
  }

  async insert(row: Omit<PolicyRow, 'tenant_id' | 'created_at'>, db: Queryable): Promise<PolicyRow> {
    const { rows } = await db.query<PolicyRow>(
      `INSERT INTO governance_policies (id, tenant_id, key, version, name, rules_hash, rules, thresholds,
         validity_days, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING *`,
      [
        row.id,
        RequestContext.tenantId(),
        row.key,
        row.version,
        row.name,
        row.rules_hash,
        JSON.stringify(row.rules),
        JSON.stringify(row.thresholds),
        row.validity_days,
        row.created_by,
      ],
    );
    return rows[0];
  }
}
