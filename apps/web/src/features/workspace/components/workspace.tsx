import { Fragment, lazy, Suspense, useEffect, useState } from 'react';
import { Group, Panel, Separator } from 'react-resizable-panels';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { usePanelAllowed } from '@/features/workspace/components/panel-content';
import { PanelFrame } from '@/features/workspace/components/panel-frame';
import { Spinner } from '@/components/ui/spinner';
import { useLayoutStore } from '@/features/workspace/stores/layout-store';
import { TaskDndProvider } from '@/lib/task-dnd';

const separator =
  'relative w-1.5 shrink-0 rounded bg-slate-200 outline-none hover:bg-brand-500 focus-visible:bg-brand-500 data-[separator=active]:bg-brand-500 dark:bg-slate-700';

// the phone's tabs (Radix) load only on a narrow screen
const PhonePanels = lazy(() =>
  import('@/features/workspace/components/phone-panels').then((m) => ({ default: m.PhonePanels })),
);

/** A phone: below 640 px the workspace shows one panel at a time. */
export const PHONE_QUERY = '(max-width: 639px)';

function useIsNarrow(): boolean {
  const query = PHONE_QUERY;
  const [narrow, setNarrow] = useState(() => window.matchMedia?.(query).matches ?? false);
  useEffect(() => {
    const mql = window.matchMedia?.(query);
    if (!mql) return;
    const onChange = () => setNarrow(mql.matches);
    mql.addEventListener('change', onChange);
    return () => mql.removeEventListener('change', onChange);
  }, []);
  return narrow;
}

/**
 * The multi-panel workspace: resizable columns (react-resizable-panels, keyboard-resizable separators),
 * each a resizable stack of panels. On a phone (below 640 px) one panel at a time, chosen with tabs.
 */
export function Workspace() {
  // one drag context for every panel: tasks are dragged from one panel into another
  return (
    <TaskDndProvider>
      <WorkspacePanels />
    </TaskDndProvider>
  );
}

function WorkspacePanels() {
  const { layout: saved, setSizes, addPanel, reset } = useLayoutStore();
  const narrow = useIsNarrow();
  const allowed = usePanelAllowed();
  // panels the user may not use are left out (the saved layout keeps them, should access come back)
  const layout = {
    ...saved,
    columns: saved.columns
      .map((c) => ({ ...c, panels: c.panels.filter((p) => allowed(p.kind)) }))
      .filter((c) => c.panels.length > 0),
  };

  if (layout.columns.length === 0)
    return (
      <div className="p-4">
        <EmptyState title="No panels open">
          Open one from the command palette (Ctrl+K) or{' '}
          <Button variant="secondary" onClick={() => addPanel('task-list')}>
            open the task list
          </Button>{' '}
          <Button variant="ghost" onClick={reset}>
            restore the default layout
          </Button>
        </EmptyState>
      </div>
    );

  if (narrow)
    return (
      <Suspense fallback={<Spinner label="Loading the panels…" />}>
        <PhonePanels panels={layout.columns.flatMap((c) => c.panels)} />
      </Suspense>
    );

  return (
    <Group
      orientation="horizontal"
      className="h-full p-2"
      id={`columns-${layout.columns.map((c) => c.id).join('-')}`}
      onLayoutChanged={(sizes) => setSizes(sizes)}
    >
      {layout.columns.map((column, ci) => (
        <Fragment key={column.id}>
          {ci > 0 && <Separator className={separator} aria-label="Resize columns" />}
          <Panel
            id={column.id}
            minSize="15"
            defaultSize={layout.sizes[column.id] ? String(layout.sizes[column.id]) : undefined}
          >
            <Group
              orientation="vertical"
              className="h-full"
              id={`stack-${column.panels.map((p) => p.id).join('-')}`}
              onLayoutChanged={(sizes) => setSizes(sizes)}
            >
              {column.panels.map((panel, pi) => (
                <Fragment key={panel.id}>
                  {pi > 0 && (
                    <Separator
                      className="my-0.5 h-1.5 rounded bg-slate-200 outline-none hover:bg-brand-500 focus-visible:bg-brand-500 dark:bg-slate-700"
                      aria-label="Resize panels"
                    />
                  )}
                  <Panel
                    id={panel.id}
                    minSize="10"
                    defaultSize={layout.sizes[panel.id] ? String(layout.sizes[panel.id]) : undefined}
                  >
                    <PanelFrame panel={panel} />
                  </Panel>
                </Fragment>
              ))}
            </Group>
          </Panel>
        </Fragment>
      ))}
    </Group>
  );
}
