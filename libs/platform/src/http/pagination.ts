import { AppException } from '../errors/app-exception';
import { Enveloped } from './envelope';

export interface SortField {
  field: string;
  direction: 'ASC' | 'DESC';
}

export interface ListQuery {
  limit: number;
  cursor?: CursorValue;
  sort: SortField[];
  filters: Record<string, string>;
  fields?: string[];
}

/** The values of the sort columns (and the id tie-breaker) of the last row of a page. */
export type CursorValue = (string | number | null)[];

export interface ListQuerySpec {
  /** Sortable fields: API name to the column expression used in SQL. */
  sortable: Record<string, string>;
  /** Filterable fields accepted as `filter[name]=value` (or `name=value`). */
  filterable: string[];
  /** Fields that may be requested with `?fields=`. */
  selectable: string[];
  defaultSort: string;
  maxLimit?: number;
  defaultLimit?: number;
}

export function encodeCursor(value: CursorValue): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

export function decodeCursor(cursor: string): CursorValue {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      !Array.isArray(parsed) ||
      !parsed.every((v) => v === null || ['string', 'number'].includes(typeof v))
    ) {
      throw new Error('bad cursor');
    }
    return parsed as CursorValue;
  } catch {
    throw AppException.validation([{ field: 'cursor', message: 'is not a valid cursor' }]);
  }
}

function single(value: unknown, field: string): string | undefined {
  if (value === undefined) return undefined;
  if (Array.isArray(value)) throw AppException.validation([{ field, message: 'must be given once' }]);
  if (typeof value !== 'string') throw AppException.validation([{ field, message: 'must be a string' }]);
  return value;
}

/**
 * Parses `limit`, `cursor`, `sort=-a,b`, `filter[x]=…` and `fields=a,b` from a raw query object,
 * refusing anything outside the spec with field-level details.
 */
export function parseListQuery(query: Record<string, unknown>, spec: ListQuerySpec): ListQuery {
  const details: { field: string; message: string }[] = [];
  const maxLimit = spec.maxLimit ?? 100;
  const limitRaw = single(query.limit, 'limit');
  let limit = spec.defaultLimit ?? 25;
  if (limitRaw !== undefined) {
    if (!/^\d+$/.test(limitRaw) || Number(limitRaw) < 1 || Number(limitRaw) > maxLimit) {
      details.push({ field: 'limit', message: `must be an integer between 1 and ${maxLimit}` });
    } else limit = Number(limitRaw);
  }

  const sortRaw = single(query.sort, 'sort') ?? spec.defaultSort;
  const sort: SortField[] = [];
  for (const part of sortRaw.split(',').filter(Boolean)) {
    const direction = part.startsWith('-') ? 'DESC' : 'ASC';
    const field = part.replace(/^[-+]/, '');
    if (!(field in spec.sortable)) {
      details.push({
        field: 'sort',
        message: `cannot sort by "${field}"; allowed: ${Object.keys(spec.sortable).join(', ')}`,
      });
    } else sort.push({ field, direction });
  }

  const filters: Record<string, string> = {};
  const filterObj = query.filter;
  const entries: [string, unknown][] = [];
  if (filterObj && typeof filterObj === 'object' && !Array.isArray(filterObj))
    entries.push(...Object.entries(filterObj));
  for (const [key, value] of Object.entries(query)) {
    const match = /^filter\[(.+)\]$/.exec(key);
    if (match) entries.push([match[1], value]);
  }
  for (const [key, value] of entries) {
    if (!spec.filterable.includes(key)) {
      details.push({
        field: `filter[${key}]`,
        message: `is not a filter; allowed: ${spec.filterable.join(', ')}`,
      });
      continue;
    }
    const v = Array.isArray(value) ? undefined : value;
    if (typeof v !== 'string')
      details.push({ field: `filter[${key}]`, message: 'must be given once as a string' });
    else filters[key] = v;
  }

  let fields: string[] | undefined;
  const fieldsRaw = single(query.fields, 'fields');
  if (fieldsRaw !== undefined) {
    fields = fieldsRaw
      .split(',')
      .map((f) => f.trim())
      .filter(Boolean);
    const unknown = fields.filter((f) => !spec.selectable.includes(f));
    if (unknown.length) details.push({ field: 'fields', message: `unknown fields: ${unknown.join(', ')}` });
  }

  const cursorRaw = single(query.cursor, 'cursor');
  const cursor = cursorRaw ? decodeCursor(cursorRaw) : undefined;
  if (cursor && cursor.length !== sort.length + 1)
    details.push({ field: 'cursor', message: 'does not match the sort order' });

  if (details.length) throw AppException.validation(details);
  return { limit, cursor, sort, filters, fields };
}

/** Keeps only the requested fields (always including id) of each item. */
export function selectFields<T extends Record<string, unknown>>(items: T[], fields?: string[]): Partial<T>[] {
  if (!fields?.length) return items;
  const keep = new Set(['id', ...fields]);
  return items.map(
    (item) => Object.fromEntries(Object.entries(item).filter(([k]) => keep.has(k))) as Partial<T>,
  );
}

/**
 * Builds the keyset condition for "rows after the cursor" under a multi-column sort with an id
 * tie-breaker: (a > x) OR (a = x AND b > y) OR … Returns SQL with named parameters. The query must
 * order with NULLS LAST on every sort column (see orderByClause).
 */
export function keysetCondition(
  sort: SortField[],
  columns: Record<string, string>,
  idColumn: string,
  cursor: CursorValue,
): { sql: string; params: Record<string, unknown> } {
  const keys = [
    ...sort.map((s) => ({ column: columns[s.field], direction: s.direction })),
    { column: idColumn, direction: 'ASC' as const },
  ];
  const params: Record<string, unknown> = {};
  const ors: string[] = [];
  keys.forEach((key, i) => {
    const ands: string[] = [];
    for (let j = 0; j < i; j++) {
      params[`c${j}`] = cursor[j];
      ands.push(cursor[j] === null ? `${keys[j].column} IS NULL` : `${keys[j].column} = :c${j}`);
    }
    params[`c${i}`] = cursor[i];
    const op = key.direction === 'ASC' ? '>' : '<';
    // Sorting uses NULLS LAST in both directions: nothing sorts after a null, and nulls sort after any value.
    const isIdTieBreaker = i === keys.length - 1;
    if (cursor[i] === null) ands.push('FALSE');
    else
      ands.push(
        isIdTieBreaker
          ? `${key.column} ${op} :c${i}`
          : `(${key.column} ${op} :c${i} OR ${key.column} IS NULL)`,
      );
    ors.push(`(${ands.join(' AND ')})`);
  });
  return { sql: `(${ors.join(' OR ')})`, params };
}

/** Turns a fetched page (limit + 1 rows) into the envelope with a next cursor. */
export function paginate<T extends Record<string, unknown>>(
  rows: T[],
  query: ListQuery,
  cursorOf: (row: T) => CursorValue,
  basePath: string,
  mapRow: (row: T) => Record<string, unknown> = (r) => r,
): Enveloped<Record<string, unknown>[]> {
  const hasMore = rows.length > query.limit;
  const page = hasMore ? rows.slice(0, query.limit) : rows;
  const next = hasMore ? encodeCursor(cursorOf(page[page.length - 1])) : null;
  const data = selectFields(page.map(mapRow), query.fields);
  const nextUrl = next ? `${basePath}${basePath.includes('?') ? '&' : '?'}cursor=${next}` : null;
  return new Enveloped(
    data,
    { count: data.length, limit: query.limit, next_cursor: next, has_more: hasMore },
    { next: nextUrl },
  );
}

/** ORDER BY items matching keysetCondition: each sort column NULLS LAST, then the id. */
export function orderByClause(sort: SortField[], columns: Record<string, string>, idColumn: string): string {
  return [...sort.map((s) => `${columns[s.field]} ${s.direction} NULLS LAST`), `${idColumn} ASC`].join(', ');
}
