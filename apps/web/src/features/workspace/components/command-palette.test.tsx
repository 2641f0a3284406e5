import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, useLocation } from 'react-router';
import { beforeEach, describe, expect, it } from 'vitest';
import type { SearchHit } from '@/features/search/api/search';
import { CommandPalette } from '@/features/workspace/components/command-palette';
import { useLayoutStore } from '@/features/workspace/stores/layout-store';
import { usePaletteStore } from '@/features/workspace/stores/palette-store';

const hits: SearchHit[] = [
  {
    type: 'task',
    id: '7f1b0b7e-0000-4000-8000-000000000001',
    title: 'Launch the new website',
    subtitle: 'Website relaunch · todo',
    rank: 0.444,
    href: '/api/v1/tasks/7f1b0b7e-0000-4000-8000-000000000001',
  },
  {
    type: 'invoice',
    id: '7f1b0b7e-0000-4000-8000-000000000002',
    title: 'INV-2026-0001 · Launchpad Ltd',
    subtitle: 'issued · EUR',
    rank: 0.4,
    href: '/api/v1/financial/invoices/7f1b0b7e-0000-4000-8000-000000000002',
  },
];

/** Puts the query in the palette's input in one input event (as pasting does), as typing it would end up. */
async function enterQuery(user: ReturnType<typeof userEvent.setup>, query: string) {
  const input = screen.getByRole('combobox');
  await user.clear(input);
  await user.click(input);
  await user.paste(query);
}

function renderPalette(initialUrl = '/?status=todo') {
  // the search answer for "lanch" is already in the cache, as if the API had just given it
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  queryClient.setQueryData(['search', 'lanch'], hits);
  let location = '';
  function Probe() {
    const l = useLocation();
    location = l.pathname + l.search;
    return null;
  }
  render(
    <MemoryRouter initialEntries={[initialUrl]}>
      <QueryClientProvider client={queryClient}>
        <Probe />
        <CommandPalette onSignOut={() => undefined} />
      </QueryClientProvider>
    </MemoryRouter>,
  );
  return { location: () => location };
}

// jsdom has no layout: cmdk observes its list's size and scrolls the selected item into view
globalThis.ResizeObserver ??= class {
  observe() {}
  unobserve() {}
  disconnect() {}
};
Element.prototype.scrollIntoView ??= () => undefined;

const kinds = () => useLayoutStore.getState().layout.columns.flatMap((c) => c.panels.map((p) => p.kind));

describe('the command palette search', () => {
  beforeEach(() => {
    localStorage.clear();
    useLayoutStore.getState().load('user-a');
    usePaletteStore.setState({ open: true });
  });

  it('lists records found for a misspelt query with their kind, and opens a task in the detail panel', async () => {
    const user = userEvent.setup();
    const { location } = renderPalette();
    await enterQuery(user, 'lanch');
    const task = await screen.findByRole('option', { name: /Launch the new website/ });
    expect(task).toHaveTextContent('Tasks · Website relaunch · todo');
    expect(screen.getByRole('option', { name: /INV-2026-0001/ })).toHaveTextContent(
      'Invoices · issued · EUR',
    );

    await user.click(task);
    const params = new URL(location(), 'http://x').searchParams;
    expect(params.get('task')).toBe(hits[0].id);
    expect(params.get('status')).toBe('todo'); // the view's filters stay
    expect(usePaletteStore.getState().open).toBe(false);
    expect(kinds().filter((k) => k === 'task-detail')).toHaveLength(1); // already there: not added again
  });

  it('opens an invoice in the financial panel, adding the panel when the layout has none', async () => {
    const user = userEvent.setup();
    const { location } = renderPalette('/programs');
    expect(kinds()).not.toContain('financial');
    await enterQuery(user, 'lanch');
    await user.click(await screen.findByRole('option', { name: /INV-2026-0001/ }));
    expect(location()).toBe(`/?invoice=${hits[1].id}`);
    expect(kinds()).toContain('financial');
  });

  it('still offers the commands, and searches nothing for a single letter', async () => {
    const user = userEvent.setup();
    renderPalette();
    await enterQuery(user, 'l');
    expect(screen.queryByRole('option', { name: /Launch the new website/ })).not.toBeInTheDocument();
    await enterQuery(user, 'dark');
    expect(screen.getByRole('option', { name: 'Toggle dark mode' })).toBeInTheDocument();
  });
});
