import { Suspense } from 'react';
import { EmptyState } from '@/components/ui/empty-state';
import { Spinner } from '@/components/ui/spinner';
import { usePanelContent } from '@/features/workspace/components/panel-content';
import { PANEL_TITLES, type PanelKind } from '@/features/workspace/stores/layout-store';

/** A panel's content, as the app composes it; a kind the app does not provide says so. */
export function PanelBody({ kind }: { kind: PanelKind }) {
  const render = usePanelContent();
  const content = render?.(kind);
  if (!content)
    return (
      <EmptyState title="Not available yet">
        {PANEL_TITLES[kind]} needs endpoints this server does not offer yet.
      </EmptyState>
    );
  return <Suspense fallback={<Spinner label={`Loading ${PANEL_TITLES[kind]}…`} />}>{content}</Suspense>;
}
