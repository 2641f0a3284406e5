import { useEffect } from 'react';
import { useLayoutStore } from '@/features/workspace/stores/layout-store';
import { usePaletteStore } from '@/features/workspace/stores/palette-store';

/**
 * Keyboard shortcuts: Ctrl/⌘+K command palette; on the focused panel Alt+Shift+W close,
 * Alt+Shift+S split, Alt+Shift+← / → move.
 */
export function useShortcuts(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'k') {
        e.preventDefault();
        usePaletteStore.getState().setOpen(!usePaletteStore.getState().open);
        return;
      }
      if (!e.altKey || !e.shiftKey) return;
      const { focusedPanelId, closePanel, splitPanel, movePanel } = useLayoutStore.getState();
      if (!focusedPanelId) return;
      const actions: Record<string, () => void> = {
        KeyW: () => closePanel(focusedPanelId),
        KeyS: () => splitPanel(focusedPanelId),
        ArrowLeft: () => movePanel(focusedPanelId, 'left'),
        ArrowRight: () => movePanel(focusedPanelId, 'right'),
      };
      const action = actions[e.code];
      if (action) {
        e.preventDefault();
        action();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
