import { Command, defaultFilter } from 'cmdk';
import { Dialog } from 'radix-ui';
import { useState } from 'react';
import { useLocation, useNavigate } from 'react-router';
import {
  MIN_SEARCH_LENGTH,
  SEARCH_TYPE_LABELS,
  useSearch,
  type SearchHit,
} from '@/features/search/api/search';
import {
  useLayoutStore,
  PANEL_KINDS,
  PANEL_TITLES,
  type PanelKind,
} from '@/features/workspace/stores/layout-store';
import { usePanelAllowed } from '@/features/workspace/components/panel-content';
import { usePaletteStore } from '@/features/workspace/stores/palette-store';
import { useThemeStore } from '@/lib/theme';

/** Value prefix of search hits: the server has matched them, so they always show, below matching commands. */
const HIT = 'hit:';
const filter = (value: string, search: string, keywords?: string[]) =>
  value.startsWith(HIT) ? 0.01 : defaultFilter(value, search, keywords);

const item =
  'cursor-pointer rounded px-3 py-2 text-sm data-[selected=true]:bg-brand-600 data-[selected=true]:text-white';

/** Where a search hit opens in the workspace: the URL parameter that selects it, and the panel that shows it. */
const OPENS_IN: Record<SearchHit['type'], { param: string; panel: PanelKind }> = {
  task: { param: 'task', panel: 'task-detail' },
  program: { param: 'program', panel: 'task-list' },
  user: { param: 'assignee', panel: 'task-list' },
  invoice: { param: 'invoice', panel: 'financial' },
};

/**
 * Ctrl/⌘+K: every workspace action by name, and a search of the tenant's tasks, programs, people and
 * invoices (typo-tolerant, only what the user may open). cmdk in a Radix dialog: focus trapped, Escape closes.
 */
export function CommandPalette({ onSignOut }: { onSignOut: () => void }) {
  const { open, setOpen } = usePaletteStore();
  const { addPanel, reset, closePanel, focusedPanelId, layout } = useLayoutStore();
  const allowed = usePanelAllowed();
  const [text, setText] = useState('');
  const search = useSearch(open ? text : '');
  const searching = text.trim().length >= MIN_SEARCH_LENGTH;
  const toggleTheme = useThemeStore((s) => s.toggle);
  const navigate = useNavigate();
  const location = useLocation();
  // to the workspace, keeping its URL state (selected task, filters) when already there
  const toWorkspace = () => {
    if (location.pathname !== '/') void navigate('/');
  };
  const run = (fn: () => void) => () => {
    setOpen(false);
    setText('');
    fn();
  };
  // a hit opens in the workspace: selected through the URL (keeping the view's other parameters when
  // already there), in its panel, which is added when the layout has none of that kind
  const openHit = (hit: SearchHit) => {
    const { param, panel } = OPENS_IN[hit.type];
    const params = new URLSearchParams(location.pathname === '/' ? location.search : '');
    params.set(param, hit.id);
    void navigate(`/?${params.toString()}`);
    if (!layout.columns.some((c) => c.panels.some((p) => p.kind === panel))) addPanel(panel);
  };
  const hits = searching ? (search.data ?? []) : [];
  return (
    <Dialog.Root open={open} onOpenChange={setOpen}>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 bg-black/40" />
        <Dialog.Content
          aria-describedby={undefined}
          className="fixed top-24 left-1/2 w-[min(36rem,calc(100vw-2rem))] -translate-x-1/2 rounded-lg bg-white shadow-xl dark:bg-slate-900"
        >
          <Dialog.Title className="sr-only">Command palette</Dialog.Title>
          <Command label="Search commands" filter={filter} className="p-2">
            <Command.Input
              value={text}
              onValueChange={setText}
              placeholder="Type a command, or search tasks, programs, people, invoices…"
              className="w-full rounded-md border border-slate-300 bg-transparent px-3 py-2 text-sm dark:border-slate-600"
            />
            <Command.List className="mt-2 max-h-80 overflow-auto">
              <Command.Empty className="p-3 text-sm">
                {searching && search.isFetching ? 'Searching…' : 'No command or record matches.'}
              </Command.Empty>
              {searching && search.isError && (
                <p role="alert" className="p-3 text-sm text-red-700 dark:text-red-400">
                  Search is not available: {search.error.message}
                </p>
              )}
              {hits.length > 0 && (
                <Command.Group heading="Found">
                  {hits.map((hit) => (
                    <Command.Item
                      key={`${hit.type}:${hit.id}`}
                      value={`${HIT}${hit.type}:${hit.id}`}
                      className={item}
                      onSelect={run(() => openHit(hit))}
                    >
                      <span className="block">{hit.title}</span>
                      <span className="block text-xs opacity-75">
                        {SEARCH_TYPE_LABELS[hit.type]} · {hit.subtitle}
                      </span>
                    </Command.Item>
                  ))}
                </Command.Group>
              )}
              <Command.Group heading="Open a panel">
                {PANEL_KINDS.filter(allowed).map((kind) => (
                  <Command.Item
                    key={kind}
                    className={item}
                    onSelect={run(() => {
                      toWorkspace();
                      addPanel(kind);
                    })}
                  >
                    Open {PANEL_TITLES[kind]}
                  </Command.Item>
                ))}
              </Command.Group>
              <Command.Group heading="Workspace">
                {focusedPanelId && (
                  <Command.Item className={item} onSelect={run(() => closePanel(focusedPanelId))}>
                    Close the focused panel
                  </Command.Item>
                )}
                <Command.Item className={item} onSelect={run(reset)}>
                  Restore the default layout
                </Command.Item>
                <Command.Item className={item} onSelect={run(toWorkspace)}>
                  Go to the workspace
                </Command.Item>
                <Command.Item className={item} onSelect={run(() => void navigate('/admin'))}>
                  Go to administration
                </Command.Item>
                <Command.Item className={item} onSelect={run(toggleTheme)}>
                  Toggle dark mode
                </Command.Item>
                <Command.Item className={item} onSelect={run(onSignOut)}>
                  Sign out
                </Command.Item>
              </Command.Group>
            </Command.List>
          </Command>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
