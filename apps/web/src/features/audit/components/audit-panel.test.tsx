import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactNode } from 'react';
import { MemoryRouter } from 'react-router';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { AuditEntry } from '@/features/audit/api/list-audit';
import { AuditPanel } from '@/features/audit/components/audit-panel';

const PETRA = '6eaab478-0000-4000-8000-000000000001';
const GONE = '183cb478-0000-4000-8000-000000000002';

/** The API as the panel calls it: GET with a path and query, answered from these handlers. */
const get = vi.fn();
vi.mock('@/lib/api-client', async (importOriginal) => ({
  ...(await importOriginal<typeof import('@/lib/api-client')>()),
  api: () => ({ GET: get }),
}));

const ok = (body: unknown) => ({ data: body, response: new Response(null, { status: 200 }) });

function entry(position: number, title: string, actor: AuditEntry['actor']): AuditEntry {
  return {
    event_id: `e${position}`,
    tenant_id: 't',
    entity_type: 'task',
    entity_id: `task-${position}`,
    action: position === 1 ? 'created' : 'updated',
    actor,
    ip: null,
    user_agent: null,
    before_state: null,
    after_state: { title },
    metadata: {},
    occurred_at: new Date(Date.UTC(2026, 11, 5, 8, position)).toISOString(),
    position,
  } as AuditEntry;
}

function renderPanel(ui: ReactNode = <AuditPanel />) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <MemoryRouter>{ui}</MemoryRouter>
    </QueryClientProvider>,
  );
  return userEvent.setup();
}

beforeEach(() => {
  get.mockReset();
  get.mockImplementation(
    (path: string, init: { params: { path?: { id: string }; query?: Record<string, string> } }) => {
      if (path === '/api/v1/users/{id}') {
        if (init.params.path?.id === PETRA)
          return Promise.resolve(ok({ data: { id: PETRA, name: 'Petra Manager', email: 'pm@demo.test' } }));
        return Promise.resolve({
          error: { error: { code: 'FORBIDDEN', message: 'You do not have the permission users:read' } },
          response: new Response(null, { status: 403 }),
        });
      }
      const query = init.params.query ?? {};
      if (!query.cursor)
        return Promise.resolve(
          ok({
            data: [
              entry(3, 'Third', { type: 'user', id: PETRA }),
              entry(2, 'Second', { type: 'client', id: 'e2e-integrator' }),
            ],
            meta: { next_cursor: 'after-2', has_more: true },
          }),
        );
      return Promise.resolve(
        ok({
          data: [entry(1, 'First', { type: 'user', id: GONE })],
          meta: { next_cursor: null, has_more: false },
        }),
      );
    },
  );
});

describe('the audit panel', () => {
  it('shows the latest changes newest first with who made them, and pages to older ones', async () => {
    const user = renderPanel();
    const list = await screen.findByRole('list', { name: 'Latest changes in your organisation' });
    expect(get).toHaveBeenCalledWith('/api/v1/audit', {
      params: { query: { sort: '-position', limit: '25' } },
    });
    await within(list).findByText('Petra Manager');
    const items = () =>
      within(list)
        .getAllByRole('listitem')
        .map((li) => li.textContent);
    expect(items()).toEqual([
      expect.stringMatching(/task updated by Petra Manager · “Third”$/),
      expect.stringMatching(/task updated by an integration \(e2e-integrator\) · “Second”$/),
    ]);

    await user.click(screen.getByRole('button', { name: 'Show older changes' }));
    await within(list).findByText(/First/);
    expect(get).toHaveBeenCalledWith('/api/v1/audit', {
      params: { query: { sort: '-position', limit: '25', cursor: 'after-2' } },
    });
    // a user this person may not look up keeps a short id rather than an error
    await within(list).findByText('user 183cb478');
    expect(items()[2]).toMatch(/task created by user 183cb478 · “First”$/);
    expect(screen.queryByRole('button', { name: 'Show older changes' })).not.toBeInTheDocument();
  });

  it('shows the changes of the task selected in the URL', async () => {
    const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    render(
      <QueryClientProvider client={client}>
        <MemoryRouter initialEntries={['/?task=task-9']}>
          <AuditPanel />
        </MemoryRouter>
      </QueryClientProvider>,
    );
    await screen.findByRole('list', { name: 'Changes of the selected task' });
    expect(get).toHaveBeenCalledWith('/api/v1/audit', {
      params: {
        query: {
          sort: '-position',
          limit: '25',
          'filter[entity_type]': 'task',
          'filter[entity_id]': 'task-9',
        },
      },
    });
  });
});
