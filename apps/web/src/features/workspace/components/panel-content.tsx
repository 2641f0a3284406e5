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

/**
 * Which panel kinds the signed-in user may use, decided by the app from the user's permissions; a kind
 * not allowed is neither shown nor offered. Without a provider (tests, a screen of its own) all are.
 */
export type PanelAllowed = (kind: PanelKind) => boolean;

const PanelAccessContext = createContext<PanelAllowed>(() => true);

export const PanelAccessProvider = PanelAccessContext.Provider;

export function usePanelAllowed(): PanelAllowed {
  return useContext(PanelAccessContext);
}
