import { beforeEach, describe, expect, it } from 'vitest';
import { useLayoutStore, type Layout } from '@/features/workspace/stores/layout-store';

const kinds = (layout: Layout) => layout.columns.map((c) => c.panels.map((p) => p.kind));
const state = () => useLayoutStore.getState();
const saved = (userId: string) =>
  JSON.parse(localStorage.getItem(`oversing.layout.${userId}`) ?? 'null') as Layout;

describe('the workspace layout store', () => {
  beforeEach(() => {
    localStorage.clear();
    state().load('user-a');
  });

  it('starts from the default layout: the task list beside task detail over audit history', () => {
    expect(kinds(state().layout)).toEqual([['task-list'], ['task-detail', 'audit-history']]);
  });

  it('splits a panel below itself with the same kind, or with the kind asked for', () => {
    const detail = state().layout.columns[1].panels[0];
    state().splitPanel(detail.id);
    expect(kinds(state().layout)).toEqual([['task-list'], ['task-detail', 'task-detail', 'audit-history']]);
    state().splitPanel(detail.id, 'timesheet');
    expect(kinds(state().layout)[1]).toEqual(['task-detail', 'timesheet', 'task-detail', 'audit-history']);
    const ids = state().layout.columns.flatMap((c) => c.panels.map((p) => p.id));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('closes a panel and drops a column left empty', () => {
    const list = state().layout.columns[0].panels[0];
    state().closePanel(list.id);
    expect(kinds(state().layout)).toEqual([['task-detail', 'audit-history']]);
    for (const p of [...state().layout.columns[0].panels]) state().closePanel(p.id);
    expect(state().layout.columns).toEqual([]);
  });

  it('moves a panel into the neighbouring column, or into a new column at either edge', () => {
    const audit = state().layout.columns[1].panels[1];
    state().movePanel(audit.id, 'left');
    expect(kinds(state().layout)).toEqual([['task-list', 'audit-history'], ['task-detail']]);
    state().movePanel(audit.id, 'left');
    expect(kinds(state().layout)).toEqual([['audit-history'], ['task-list'], ['task-detail']]);
    const detail = state().layout.columns[2].panels[0];
    state().movePanel(detail.id, 'right');
    // a single-panel column moved past the edge becomes a new last column (the old one disappears)
    expect(kinds(state().layout)).toEqual([['audit-history'], ['task-list'], ['task-detail']]);
  });

  it('saves the layout per user and restores each user’s own on load', () => {
    state().addPanel('certification');
    expect(kinds(saved('user-a'))).toEqual([
      ['task-list'],
      ['task-detail', 'audit-history'],
      ['certification'],
    ]);

    state().load('user-b');
    expect(kinds(state().layout)).toEqual([['task-list'], ['task-detail', 'audit-history']]);
    state().closePanel(state().layout.columns[0].panels[0].id);
    expect(kinds(saved('user-b'))).toEqual([['task-detail', 'audit-history']]);

    state().load('user-a');
    expect(kinds(state().layout)).toEqual([
      ['task-list'],
      ['task-detail', 'audit-history'],
      ['certification'],
    ]);
    state().load('user-b');
    expect(kinds(state().layout)).toEqual([['task-detail', 'audit-history']]);
  });

  it('keeps resized panel sizes and the panel kind picked', () => {
    const list = state().layout.columns[0].panels[0];
    state().setSizes({ c1: 40, c2: 60 });
    state().setKind(list.id, 'workflow-board');
    state().load('user-a');
    expect(state().layout.sizes).toEqual({ c1: 40, c2: 60 });
    expect(state().layout.columns[0].panels[0].kind).toBe('workflow-board');
  });

  it('falls back to the default layout when the saved one is corrupt or names an unknown panel', () => {
    localStorage.setItem('oversing.layout.user-c', '{not json');
    state().load('user-c');
    expect(kinds(state().layout)).toEqual([['task-list'], ['task-detail', 'audit-history']]);
    localStorage.setItem(
      'oversing.layout.user-c',
      JSON.stringify({ columns: [{ id: 'x', panels: [{ id: 'y', kind: 'spreadsheet' }] }], sizes: {} }),
    );
    state().load('user-c');
    expect(kinds(state().layout)).toEqual([['task-list'], ['task-detail', 'audit-history']]);
  });

  it('restores the default layout on reset and saves it', () => {
    state().closePanel(state().layout.columns[0].panels[0].id);
    state().reset();
    expect(kinds(state().layout)).toEqual([['task-list'], ['task-detail', 'audit-history']]);
    expect(kinds(saved('user-a'))).toEqual([['task-list'], ['task-detail', 'audit-history']]);
  });
});
