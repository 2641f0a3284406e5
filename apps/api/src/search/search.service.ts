import { Injectable } from '@nestjs/common';
import { AppException, Enveloped, ErrorDetail, Principal, ReadScope, scopesAllow } from '@oversing/platform';
import { Permission } from '../access/permissions';
import { PolicyService } from '../access/policy.service';
import { SearchHitType, SearchRepository, SearchRow } from './search.repository';

export const SEARCH_TYPES: readonly SearchHitType[] = ['task', 'program', 'user', 'invoice'];

/** What a caller needs to see each kind of hit: the permission that opens the record itself. */
const READ_PERMISSION: Record<SearchHitType, string> = {
  task: Permission.TasksRead,
  program: Permission.ProgramsRead,
  user: Permission.UsersRead,
  invoice: Permission.FinancialRead,
};

/** Where each hit is read through the API. */
const HREF: Record<SearchHitType, (id: string) => string> = {
  task: (id) => `/api/v1/tasks/${id}`,
  program: (id) => `/api/v1/programs/${id}`,
  user: (id) => `/api/v1/users/${id}`,
  invoice: (id) => `/api/v1/financial/invoices/${id}`,
};

export interface SearchHit extends SearchRow {
  href: string;
}

const MAX_QUERY_LENGTH = 200;
const DEFAULT_LIMIT = 20;
const MAX_LIMIT = 50;

/**
 * One search box over the tenant: tasks, programs, people and invoices, ranked together. A caller only
 * ever gets hits they could open: each kind needs its read permission (and the token's scope), and tasks
 * and programs are limited to the programs and tasks the caller was granted when the grant is not
 * tenant-wide.
 */
@Injectable()
export class SearchService {
  constructor(
    private readonly search: SearchRepository,
    private readonly policy: PolicyService,
  ) {}

  async find(principal: Principal, raw: Record<string, unknown>): Promise<Enveloped<SearchHit[]>> {
    const { text, types, limit } = this.parse(raw);
    return this.search.run(async () => {
      const found: SearchRow[] = [];
      for (const type of types) {
        const scope = await this.readScope(principal, type);
        if (!scope) continue;
        found.push(...(await this.searchType(type, text, scope, limit)));
      }
      const hits = found
        .sort((a, b) => b.rank - a.rank || a.title.localeCompare(b.title))
        .slice(0, limit)
        .map((row) => ({ ...row, rank: Math.round(row.rank * 1000) / 1000, href: HREF[row.type](row.id) }));
      return new Enveloped(hits, { query: text, types });
    });
  }

  private searchType(
    type: SearchHitType,
    text: string,
    scope: ReadScope,
    limit: number,
  ): Promise<SearchRow[]> {
    switch (type) {
      case 'task':
        return this.search.tasks(text, scope, limit);
      case 'program':
        return this.search.programs(text, scope, limit);
      case 'user':
        return this.search.users(text, limit);
      case 'invoice':
        return this.search.invoices(text, limit);
    }
  }

  /** How far the caller may read this kind of record, or null when not at all. */
  private async readScope(principal: Principal, type: SearchHitType): Promise<ReadScope | null> {
    const permission = READ_PERMISSION[type];
    if (!scopesAllow(principal.scopes, permission, principal.kind)) return null;
    const scope = await this.policy.accessibleContexts(principal, permission);
    if (scope.tenantWide) return scope;
    // people and invoices are only readable tenant-wide; tasks and programs also under a program or task grant
    if (type === 'user' || type === 'invoice') return null;
    return scope.programIds.length || scope.taskIds.length ? scope : null;
  }

  private parse(raw: Record<string, unknown>): { text: string; types: SearchHitType[]; limit: number } {
    const details: ErrorDetail[] = [];
    const q = typeof raw.q === 'string' ? raw.q.trim() : '';
    if (!q) details.push({ field: 'q', message: 'is required' });
    else if (q.length > MAX_QUERY_LENGTH)
      details.push({ field: 'q', message: `must be at most ${MAX_QUERY_LENGTH} characters` });

    let types = [...SEARCH_TYPES];
    if (raw.types !== undefined) {
      const asked = typeof raw.types === 'string' ? raw.types.split(',').filter(Boolean) : [];
      const unknown = asked.filter((t) => !(SEARCH_TYPES as readonly string[]).includes(t));
      if (!asked.length || unknown.length)
        details.push({
          field: 'types',
          message: `must be a comma-separated list of ${SEARCH_TYPES.join(', ')}`,
        });
      else types = SEARCH_TYPES.filter((t) => asked.includes(t));
    }

    let limit = DEFAULT_LIMIT;
    if (raw.limit !== undefined) {
      limit = Number(raw.limit);
      if (typeof raw.limit !== 'string' || !Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT)
        details.push({ field: 'limit', message: `must be an integer from 1 to ${MAX_LIMIT}` });
    }
    if (details.length) throw AppException.validation(details);
    return { text: q, types, limit };
  }
}
