import { describe, expect, it } from 'vitest';
import { AppException } from '../errors/app-exception';
import {
  decodeCursor,
  encodeCursor,
  keysetCondition,
  orderByClause,
  paginate,
  parseListQuery,
  selectFields,
} from './pagination';

const spec = {
  sortable: { title: 't.title', due: 't.due_at', created: 't.created_at' },
  filterable: ['status', 'assignee'],
  selectable: ['title', 'status', 'due'],
  defaultSort: '-created',
};

function validationFields(fn: () => unknown): string[] {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(AppException);
    return (error as AppException).details.map((d) => d.field!);
  }
  throw new Error('expected a validation error');
}

describe('parseListQuery', () => {
  it('parses limit, multi-column sort, filters in both notations and fields', () => {
    const q = parseListQuery(
      {
        limit: '10',
        sort: 'due,-title',
        'filter[status]': 'open',
        filter: { assignee: 'u1' },
        fields: 'title,due',
      },
      spec,
    );
    expect(q.limit).toBe(10);
    expect(q.sort).toEqual([
      { field: 'due', direction: 'ASC' },
      { field: 'title', direction: 'DESC' },
    ]);
    expect(q.filters).toEqual({ status: 'open', assignee: 'u1' });
    expect(q.fields).toEqual(['title', 'due']);
  });

  it('applies defaults', () => {
    const q = parseListQuery({}, spec);
    expect(q).toMatchObject({ limit: 25, sort: [{ field: 'created', direction: 'DESC' }], filters: {} });
  });

  it('reports every bad parameter at once', () => {
    const fields = validationFields(() =>
      parseListQuery({ limit: '1000', sort: 'password', 'filter[secret]': 'x', fields: 'title,hash' }, spec),
    );
    expect(fields).toEqual(['limit', 'sort', 'filter[secret]', 'fields']);
  });

  it('refuses repeated parameters and cursors of another sort', () => {
    expect(validationFields(() => parseListQuery({ limit: ['1', '2'] }, spec))).toEqual(['limit']);
    const cursor = encodeCursor(['a', 'id']);
    expect(validationFields(() => parseListQuery({ cursor, sort: 'due,title' }, spec))).toEqual(['cursor']);
  });
});

describe('cursors', () => {
  it('round-trip and refuse garbage', () => {
    expect(decodeCursor(encodeCursor(['2026-01-01', 3, null, 'x']))).toEqual(['2026-01-01', 3, null, 'x']);
    expect(validationFields(() => decodeCursor('%%%'))).toEqual(['cursor']);
    expect(validationFields(() => decodeCursor(Buffer.from('{"a":1}').toString('base64url')))).toEqual([
      'cursor',
    ]);
  });
});

describe('keysetCondition', () => {
  it('builds the lexicographic "after" condition with NULLS LAST semantics', () => {
    const { sql, params } = keysetCondition([{ field: 'due', direction: 'DESC' }], spec.sortable, 't.id', [
      '2026-05-01',
      'id-9',
    ]);
    expect(sql).toBe('(((t.due_at < :c0 OR t.due_at IS NULL)) OR (t.due_at = :c0 AND t.id > :c1))');
    expect(params).toEqual({ c0: '2026-05-01', c1: 'id-9' });
    expect(orderByClause([{ field: 'due', direction: 'DESC' }], spec.sortable, 't.id')).toBe(
      't.due_at DESC NULLS LAST, t.id ASC',
    );
  });

  it('after a null sort value only rows with the same null and a greater id follow', () => {
    const { sql } = keysetCondition([{ field: 'due', direction: 'ASC' }], spec.sortable, 't.id', [
      null,
      'id-1',
    ]);
    expect(sql).toBe('((FALSE) OR (t.due_at IS NULL AND t.id > :c1))');
  });
});

describe('paginate and selectFields', () => {
  it('returns limit rows, a next cursor when there are more, and keeps only requested fields plus id', () => {
    const rows = [1, 2, 3].map((n) => ({ id: `id-${n}`, title: `t${n}`, secret: 's' }));
    const page = paginate(
      rows,
      { limit: 2, sort: [], filters: {}, fields: ['title'] },
      (r) => [r.id],
      '/api/v1/x?limit=2',
    );
    expect(page.data).toEqual([
      { id: 'id-1', title: 't1' },
      { id: 'id-2', title: 't2' },
    ]);
    expect(page.meta).toMatchObject({ has_more: true, next_cursor: encodeCursor(['id-2']) });
    expect(page.links.next).toBe(`/api/v1/x?limit=2&cursor=${encodeCursor(['id-2'])}`);
    expect(selectFields([{ id: 1, a: 2 }], undefined)).toEqual([{ id: 1, a: 2 }]);
  });
});
