import { Injectable } from '@nestjs/common';
import { ReadScope, readScopeCondition, RequestContext, UnitOfWork } from '@oversing/platform';

export type SearchHitType = 'task' | 'program' | 'user' | 'invoice';

export interface SearchRow {
  type: SearchHitType;
  id: string;
  title: string;
  subtitle: string;
  rank: number;
}

/**
 * Word similarity at or above which a name counts as a match: a one-letter typo in a five- or
 * six-letter word scores about 0.44 ("lanch" ~ "Launch"), unrelated words score near 0.
 */
export const SIMILARITY_THRESHOLD = 0.35;

/**
 * The search queries, one per kind of record, each scoped to the tenant and to what the caller may
 * read. Matches are full-text hits (tasks) or trigram word-similarity hits (`<%`, served by the GIN
 * trigram indexes of migration SearchIndexes1765600000000); the rank is the better of the two.
 */
@Injectable()
export class SearchRepository {
  constructor(private readonly uow: UnitOfWork) {}

  /** Runs the searches in one read-only transaction that sets the similarity threshold for `<%`. */
  async run<T>(work: () => Promise<T>): Promise<T> {
    return this.uow.run(async () => {
      await this.uow
        .manager()
        .query(`SELECT set_config('pg_trgm.word_similarity_threshold', $1, true)`, [
          String(SIMILARITY_THRESHOLD),
        ]);
      return work();
    });
  }

  async tasks(text: string, scope: ReadScope, limit: number): Promise<SearchRow[]> {
    const params: unknown[] = [RequestContext.tenantId(), text, limit];
    const where = readScopeCondition(scope, { program: 't.program_id', task: 't.id' }, params);
    return this.query(
      `SELECT 'task' AS type, t.id, t.title, p.name || ' · ' || replace(t.status, '_', ' ') AS subtitle,
              greatest(ts_rank(t.search, websearch_to_tsquery('simple', $2)), word_similarity($2, t.title)) AS rank
         FROM tasks t JOIN programs p ON p.id = t.program_id
        WHERE t.tenant_id = $1
          AND (t.search @@ websearch_to_tsquery('simple', $2) OR $2 <% t.title)
          ${where}
        ORDER BY rank DESC, t.updated_at DESC, t.id
        LIMIT $3`,
      params,
    );
  }

  async programs(text: string, scope: ReadScope, limit: number): Promise<SearchRow[]> {
    const params: unknown[] = [RequestContext.tenantId(), text, limit];
    const where = readScopeCondition(scope, { program: 'p.id' }, params);
    return this.query(
      `SELECT 'program' AS type, p.id, p.name AS title, replace(p.status, '_', ' ') AS subtitle,
              word_similarity($2, p.name) AS rank
         FROM programs p
        WHERE p.tenant_id = $1 AND $2 <% p.name
          ${where}
        ORDER BY rank DESC, p.name, p.id
        LIMIT $3`,
      params,
    );
  }

  /** People of the tenant by name or e-mail; erased users are never found. */
  async users(text: string, limit: number): Promise<SearchRow[]> {
    return this.query(
      `SELECT 'user' AS type, u.id, u.name AS title, u.email AS subtitle,
              greatest(word_similarity($2, u.name), word_similarity($2, u.email)) AS rank
         FROM users u
        WHERE u.tenant_id = $1 AND u.status <> 'erased' AND ($2 <% u.name OR $2 <% u.email)
        ORDER BY rank DESC, u.name, u.id
        LIMIT $3`,
      [RequestContext.tenantId(), text, limit],
    );
  }

  /** Invoices by number or by their contract's client. */
  async invoices(text: string, limit: number): Promise<SearchRow[]> {
    return this.query(
      `SELECT 'invoice' AS type, i.id, coalesce(i.number, 'Draft') || ' · ' || c.client_name AS title,
              i.status || ' · ' || i.currency AS subtitle,
              greatest(coalesce(word_similarity($2, i.number), 0), word_similarity($2, c.client_name)) AS rank
         FROM invoices i JOIN contracts c ON c.id = i.contract_id
        WHERE i.tenant_id = $1 AND ($2 <% i.number OR $2 <% c.client_name)
        ORDER BY rank DESC, i.created_at DESC, i.id
        LIMIT $3`,
      [RequestContext.tenantId(), text, limit],
    );
  }

  private async query(sql: string, params: unknown[]): Promise<SearchRow[]> {
    const rows = (await this.uow.manager().query(sql, params)) as SearchRow[];
    return rows.map((r) => ({ ...r, rank: Number(r.rank) }));
  }
}
