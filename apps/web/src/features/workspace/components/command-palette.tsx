import { Command } from 'cmdk';
import { Dialog } from 'radix-ui';
import { useLocation, useNavigate } from 'react-router';
import { useLayoutStore, PANEL_KINDS, PANEL_TITLES } from '@/features/workspace/stores/layout-store';
import { usePaletteStore } from '@/features/workspace/stores/palette-store';
import { useThemeStore } from '@/lib/theme';

const item =
  'cursor-pointer rounded px-3 py-2 text-sm data-[selected=true]:bg-brand-600 data-[selected=true]:text-white';

/** Ctrl/⌘+K: every workspace action by name (cmdk in a Radix dialog: focus trapped, Escape closes). */
export function CommandPalette({ onSignOut }: { onSignOut: () => void }) {
  const { open, setOpen } = usePaletteStore();
  const { addPanel, reset, closePanel, focusedPanelId } = useLayoutStore();
  const toggleTheme = useThemeStore((s) => s.toggle);
  const navigate = useNavigate();
  const location = useLocation();
  // to the workspace, keeping its URL state (selected task, filters) when already there
  const toWorkspace = () => {
    if (location.pathname !== '/') void navigate('/');
  };
  const run = (fn: () => void) => () => {
    setOpen(false);
    fn();
  };
  return (
    <Dialog.Root open={open} onOpenChange={setOpen}>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 bg-black/40" />
        <Dialog.Content
          aria-describedby={undefined}
          className="fixed top-24 left-1/2 w-[min(36rem,calc(100vw-2rem))] -translate-x-1/2 rounded-lg bg-white shadow-xl dark:bg-slate-900"
        >
          <Dialog.Title className="sr-only">Command palette</Dialog.Title>
          <Command label="Search commands" className="p-2">
            <Command.Input
              placeholder="Type a command…"
              className="w-full rounded-md border border-slate-300 bg-transparent px-3 py-2 text-sm dark:border-slate-600"
            />
            <Command.List className="mt-2 max-h-80 overflow-auto">
              <Command.Empty className="p-3 text-sm">No command matches.</Command.Empty>
              <Command.Group heading="Open a panel">
                {PANEL_KINDS.map((kind) => (
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
