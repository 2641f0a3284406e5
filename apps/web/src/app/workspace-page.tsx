import { PanelContentProvider } from '@/features/workspace/components/panel-content';
import { Workspace } from '@/features/workspace/components/workspace';
import { renderPanel } from '@/app/panel-content';

/** The signed-in home: the multi-panel workspace, its panels composed by the app. */
export function WorkspacePage() {
  return (
    <>
      <h1 className="sr-only">Workspace</h1>
      <PanelContentProvider value={renderPanel}>
        <Workspace />
      </PanelContentProvider>
    </>
  );
}
