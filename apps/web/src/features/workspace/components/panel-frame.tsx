import { Button } from '@/components/ui/button';
import { cn } from '@/lib/cn';
import { PanelBody } from '@/features/workspace/components/panel-body';
import { usePanelAllowed } from '@/features/workspace/components/panel-content';
import {
  PANEL_KINDS,
  PANEL_TITLES,
  useLayoutStore,
  type PanelState,
} from '@/features/workspace/stores/layout-store';

/** One workspace panel: a labelled region with its kind picker and split / move / close controls. */
export function PanelFrame({ panel }: { panel: PanelState }) {
  const { splitPanel, closePanel, movePanel, setKind, focusPanel, focusedPanelId } = useLayoutStore();
  const title = PANEL_TITLES[panel.kind];
  const focused = focusedPanelId === panel.id;
  const allowed = usePanelAllowed();
  return (
    <section
      aria-label={title}
      data-panel-id={panel.id}
      onFocusCapture={() => focusPanel(panel.id)}
      className={cn(
        'flex h-full min-h-0 flex-col overflow-hidden rounded-md border bg-white dark:bg-slate-900',
        focused ? 'border-brand-500' : 'border-slate-200 dark:border-slate-700',
      )}
    >
      <header className="flex flex-wrap items-center gap-1 border-b border-slate-200 px-2 py-1 dark:border-slate-700">
        <h2 className="sr-only">{title}</h2>
        <label className="sr-only" htmlFor={`kind-${panel.id}`}>
          Panel content
        </label>
        <select
          id={`kind-${panel.id}`}
          value={panel.kind}
          onChange={(e) => setKind(panel.id, e.target.value as PanelState['kind'])}
          className="rounded border-0 bg-transparent py-0.5 text-sm font-semibold"
        >
          {PANEL_KINDS.filter((k) => k === panel.kind || allowed(k)).map((k) => (
            <option key={k} value={k}>
              {PANEL_TITLES[k]}
            </option>
          ))}
        </select>
        <span className="flex-1" />
        <Button
          variant="ghost"
          className="min-h-7 px-2 max-sm:hidden"
          aria-label={`Move ${title} left`}
          onClick={() => movePanel(panel.id, 'left')}
        >
          ←
        </Button>
        <Button
          variant="ghost"
          className="min-h-7 px-2 max-sm:hidden"
          aria-label={`Move ${title} right`}
          onClick={() => movePanel(panel.id, 'right')}
        >
          →
        </Button>
        <Button
          variant="ghost"
          className="min-h-7 px-2 max-sm:hidden"
          aria-label={`Split ${title}`}
          onClick={() => splitPanel(panel.id)}
        >
          ⊟
        </Button>
        <Button
          variant="ghost"
          className="min-h-7 px-2"
          aria-label={`Close ${title}`}
          onClick={() => closePanel(panel.id)}
        >
          ✕
        </Button>
      </header>
      {/* focusable, so a panel without controls (the audit trail) can be scrolled with the keyboard */}
      <div
        tabIndex={0}
        className="min-h-0 flex-1 overflow-auto outline-none focus-visible:ring-2 focus-visible:ring-brand-500 focus-visible:ring-inset"
      >
        <PanelBody kind={panel.kind} />
      </div>
    </section>
  );
}
