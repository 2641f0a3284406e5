import { Tabs } from 'radix-ui';
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import { PanelFrame } from '@/features/workspace/components/panel-frame';
import { PANEL_TITLES, type PanelState } from '@/features/workspace/stores/layout-store';

const tab =
  'min-h-11 shrink-0 border-b-2 px-3 text-sm font-medium whitespace-nowrap data-[state=active]:border-brand-600 data-[state=active]:text-slate-900 data-[state=inactive]:border-transparent data-[state=inactive]:text-slate-600 dark:data-[state=active]:text-white dark:data-[state=inactive]:text-slate-300';

/**
 * The phone workspace: a tab per panel and the chosen panel filling the screen. Every panel stays mounted
 * (hidden when not chosen), so a form or a notice survives switching tabs; choosing a task opens its detail.
 */
export function PhonePanels({ panels }: { panels: PanelState[] }) {
  const [params] = useSearchParams();
  const taskId = params.get('task');
  const [chosen, setChosen] = useState<string | undefined>(panels[0]?.id);
  const detailId = panels.find((p) => p.kind === 'task-detail')?.id;
  useEffect(() => {
    if (taskId && detailId) setChosen(detailId);
  }, [taskId, detailId]);
  const active = panels.some((p) => p.id === chosen) ? chosen : panels[0]?.id;
  return (
    <Tabs.Root value={active} onValueChange={setChosen} className="flex h-full flex-col">
      <Tabs.List
        aria-label="Panels"
        className="flex shrink-0 overflow-x-auto border-b border-slate-200 px-1 dark:border-slate-800"
      >
        {panels.map((p) => (
          <Tabs.Trigger key={p.id} value={p.id} className={tab}>
            {PANEL_TITLES[p.kind]}
          </Tabs.Trigger>
        ))}
      </Tabs.List>
      {panels.map((p) => (
        <Tabs.Content
          key={p.id}
          value={p.id}
          forceMount
          className="min-h-0 flex-1 p-1 data-[state=inactive]:hidden"
        >
          <PanelFrame panel={p} />
        </Tabs.Content>
      ))}
    </Tabs.Root>
  );
}
