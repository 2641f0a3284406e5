import { create } from 'zustand';

/**
 * The multi-panel layout: columns side by side, each a stack of panels. Sizes are percentages. Saved per
 * user in localStorage (`oversing.layout.<user id>`); the API has no layout endpoint yet.
 */
export const PANEL_KINDS = [
  'task-list',
  'task-detail',
  'workflow-board',
  'timesheet',
  'financial',
  'certification',
  'review-queue',
  'audit-history',
  'reports',
] as const;
export type PanelKind = (typeof PANEL_KINDS)[number];

export const PANEL_TITLES: Record<PanelKind, string> = {
  'task-list': 'Task list',
  'task-detail': 'Task detail',
  'workflow-board': 'Workflow board',
  timesheet: 'Timesheet',
  financial: 'Financial',
  certification: 'Certification',
  'review-queue': 'Review queue',
  'audit-history': 'Audit history',
  reports: 'Reports',
};

export interface PanelState {
  id: string;
  kind: PanelKind;
}
export interface ColumnState {
  id: string;
  panels: PanelState[];
}
export interface Layout {
  columns: ColumnState[];
  /** percentages by column id, and by panel id within a column */
  sizes: Record<string, number>;
}

const DEFAULT_LAYOUT: Layout = {
  columns: [
    { id: 'c1', panels: [{ id: 'p1', kind: 'task-list' }] },
    {
      id: 'c2',
      panels: [
        { id: 'p2', kind: 'task-detail' },
        { id: 'p3', kind: 'audit-history' },
      ],
    },
  ],
  sizes: {},
};

const storageKey = (userId: string) => `oversing.layout.${userId}`;
const newId = () => Math.random().toString(36).slice(2, 10);

function isLayout(value: unknown): value is Layout {
  const v = value as Layout | null;
  return (
    !!v &&
    Array.isArray(v.columns) &&
    v.columns.every(
      (c) =>
        typeof c.id === 'string' &&
        Array.isArray(c.panels) &&
        c.panels.every((p) => PANEL_KINDS.includes(p.kind)),
    )
  );
}

interface LayoutStore {
  userId: string | null;
  layout: Layout;
  focusedPanelId: string | null;
  load: (userId: string) => void;
  addPanel: (kind: PanelKind) => void;
  splitPanel: (panelId: string, kind?: PanelKind) => void;
  closePanel: (panelId: string) => void;
  movePanel: (panelId: string, direction: 'left' | 'right') => void;
  setKind: (panelId: string, kind: PanelKind) => void;
  setSizes: (sizes: Record<string, number>) => void;
  focusPanel: (panelId: string | null) => void;
  reset: () => void;
}

function persist(userId: string | null, layout: Layout) {
  if (userId) localStorage.setItem(storageKey(userId), JSON.stringify(layout));
}

export const useLayoutStore = create<LayoutStore>((set, get) => {
  const update = (fn: (layout: Layout) => Layout) => {
    const layout = fn(get().layout);
    persist(get().userId, layout);
    set({ layout });
  };
  return {
    userId: null,
    layout: DEFAULT_LAYOUT,
    focusedPanelId: null,
    load: (userId) => {
      let layout = DEFAULT_LAYOUT;
      try {
        const saved: unknown = JSON.parse(localStorage.getItem(storageKey(userId)) ?? 'null');
        if (isLayout(saved)) layout = { columns: saved.columns, sizes: saved.sizes ?? {} };
      } catch {
        // a corrupt saved layout falls back to the default
      }
      set({ userId, layout, focusedPanelId: null });
    },
    addPanel: (kind) => {
      const panel = { id: newId(), kind };
      update((l) => ({ ...l, columns: [...l.columns, { id: newId(), panels: [panel] }] }));
      set({ focusedPanelId: panel.id });
    },
    splitPanel: (panelId, kind) =>
      update((l) => ({
        ...l,
        columns: l.columns.map((c) => {
          const index = c.panels.findIndex((p) => p.id === panelId);
          if (index < 0) return c;
          const panels = [...c.panels];
          panels.splice(index + 1, 0, { id: newId(), kind: kind ?? c.panels[index].kind });
          return { ...c, panels };
        }),
      })),
    closePanel: (panelId) =>
      update((l) => ({
        ...l,
        columns: l.columns
          .map((c) => ({ ...c, panels: c.panels.filter((p) => p.id !== panelId) }))
          .filter((c) => c.panels.length > 0),
      })),
    movePanel: (panelId, direction) =>
      update((l) => {
        const from = l.columns.findIndex((c) => c.panels.some((p) => p.id === panelId));
        if (from < 0) return l;
        const to = direction === 'left' ? from - 1 : from + 1;
        const panel = l.columns[from].panels.find((p) => p.id === panelId)!;
        const columns = l.columns.map((c) => ({ ...c, panels: c.panels.filter((p) => p.id !== panelId) }));
        if (to < 0) columns.unshift({ id: newId(), panels: [panel] });
        else if (to >= columns.length) columns.push({ id: newId(), panels: [panel] });
        else columns[to] = { ...columns[to], panels: [...columns[to].panels, panel] };
        return { ...l, columns: columns.filter((c) => c.panels.length > 0) };
      }),
    setKind: (panelId, kind) =>
      update((l) => ({
        ...l,
        columns: l.columns.map((c) => ({
          ...c,
          panels: c.panels.map((p) => (p.id === panelId ? { ...p, kind } : p)),
        })),
      })),
    setSizes: (sizes) => update((l) => ({ ...l, sizes: { ...l.sizes, ...sizes } })),
    focusPanel: (focusedPanelId) => set({ focusedPanelId }),
    reset: () => update(() => DEFAULT_LAYOUT),
  };
});
