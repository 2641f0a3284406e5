import { createContext, useContext, type ReactNode } from 'react';
import type { PanelKind } from '@/features/workspace/stores/layout-store';

/**
 * What each panel kind shows is composed by the app (src/app/panel-content.tsx), since the panels show
 * other features and features do not import each other.
 */
export type RenderPanel = (kind: PanelKind) => ReactNode;

const PanelContentContext = createContext<RenderPanel | null>(null);

export const PanelContentProvider = PanelContentContext.Provider;

export function usePanelContent(): RenderPanel | null {
  return useContext(PanelContentContext);
}
