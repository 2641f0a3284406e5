import { Queryable } from '../infrastructure/audit-database';

/** One status change of a certification, as the feed serves it (every tenant, in log order). */
export interface StatusFeedRow {
  position: string;
  event_id: string;
  tenant_id: string;
  certification_id: string;
  number: string;
  task_id: string | null;
  status: string;
  reason: string | null;
  actor_type: string;
  actor_id: string | null;
  at: Date;
  risk_score: number;
  policy_key: string | null;
  provider: string;
  model: string;
  failed_rules: string[] | null;
  created_by: string | null;
  certification_created_at: Date;
  expires_at: Date | null;
}

/**
 * The status events of every tenant, ordered by their log index. Deliberately cross-tenant (the API's
 * internal service account consumes it with one cursor); nothing else may use it. Log indexes are
 * allocated under the log's append lock, held until COMMIT, so they become visible in index order: a
 * reader that has seen index N never later finds a new event below N, and a cursor on the index loses
 * nothing.
 */
export class StatusFeedRepository {
  constructor(private readonly db: Queryable) {}

  async after(position: number, limit: number): Promise<StatusFeedRow[]> {
    const { rows } = await this.db.query<StatusFeedRow>(
      `SELECT e.leaf_index AS position, e.id AS event_id, e.tenant_id, e.certification_id, c.number, c.task_id,
              e.kind AS status, e.reason, e.actor_type, e.actor_id, e.created_at AS at, c.risk_score,
              c.certificate->>'policy_key' AS policy_key, c.provider, c.model,
              ARRAY(SELECT r->>'name' FROM jsonb_array_elements(
                CASE WHEN jsonb_typeof(c.policy_results) = 'array' THEN c.policy_results ELSE '[]'::jsonb END) r
                WHERE (r->>'passed')::boolean IS FALSE) AS failed_rules,
              c.created_by, c.created_at AS certification_created_at, c.expires_at
         FROM certification_events e JOIN certifications c ON c.id = e.certification_id
        WHERE e.leaf_index > $1 AND e.kind <> 'viewed'
        ORDER BY e.leaf_index
        LIMIT $2`,
      [position, limit],
    );
    return rows;
  }
}
