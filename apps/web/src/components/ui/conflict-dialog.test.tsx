import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { ConflictDialog, fieldLabel, valueInWords } from '@/components/ui/conflict-dialog';
import type { Conflict } from '@/lib/offline/mutation-queue';
import { useOfflineStore } from '@/lib/offline/offline-store';
import { userQuery } from '@/lib/users/get-user';

const conflict = (id: string, label: string, status: number, extra: Partial<Conflict> = {}): Conflict => ({
  mutation: {
    id,
    seq: 1,
    method: 'PATCH',
    path: `/api/v1/tasks/${id}`,
    body: { title: label, status: 'in_progress' },
    before: { title: 'Draft', status: 'todo' },
    ifMatch: '"1"',
    label: `Edit task “${label}”`,
    createdAt: new Date().toISOString(),
    invalidate: [],
  },
  status,
  message: 'Version mismatch',
  ...extra,
});

describe('the conflict dialog', () => {
  beforeEach(() => {
    useOfflineStore.setState({ conflicts: [] });
  });

  it('stays closed without conflicts', () => {
    render(<ConflictDialog />);
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('shows in words, field by field, your change and what the server has now, and lets you keep theirs', async () => {
    useOfflineStore.getState().addConflicts([
      conflict('t1', 'Alpha', 412, {
        theirs: { id: 't1', title: 'Their title', status: 'todo', version: 2 },
        theirEtag: '"2"',
      }),
      conflict('t2', 'Beta', 422),
    ]);
    render(<ConflictDialog />);
    const dialog = screen.getByRole('dialog', { name: 'A change made offline was not applied' });
    expect(dialog).toHaveTextContent('“Edit task “Alpha””: Someone changed it while you were offline.');
    expect(dialog).not.toHaveTextContent('PATCH');
    expect(dialog).not.toHaveTextContent('{');
    const rows = within(dialog).getAllByRole('row');
    expect(rows.map((r) => r.textContent)).toEqual([
      'FieldYou changed itNow on the server',
      'Titlefrom “Draft” to “Alpha”they changed it to “Their title”',
      'Statusfrom “todo” to “in progress”unchanged (“todo”)',
    ]);
    expect(within(dialog).getByRole('button', { name: 'Keep mine' })).toBeEnabled();

    await userEvent.click(screen.getByRole('button', { name: 'Keep theirs' }));
    const next = screen.getByRole('dialog');
    // a change refused for another reason (validation): the reason, and discard only
    expect(next).toHaveTextContent('“Edit task “Beta””: the server refused it: Version mismatch');
    expect(next).not.toHaveTextContent('Someone changed it');
    expect(within(next).queryByRole('button', { name: 'Keep mine' })).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: 'Discard my change' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(useOfflineStore.getState().conflicts).toEqual([]);
  });

  it('names fields and values in words', () => {
    expect(fieldLabel('due_date')).toBe('Due date');
    expect(fieldLabel('assignee_id')).toBe('Assignee');
    expect(valueInWords(null)).toBe('empty');
    expect(valueInWords('in_progress')).toBe('in progress');
    expect(valueInWords(3)).toBe('3');
  });

  it('names the assignee rather than showing an id', async () => {
    const dana = '183cb478-0000-4000-8000-000000000001';
    const pat = '6eaab478-0000-4000-8000-000000000002';
    const client = new QueryClient();
    client.setQueryData(userQuery(dana).queryKey, {
      id: dana,
      name: 'Dana Developer',
      email: 'dev@demo.test',
    });
    client.setQueryData(userQuery(pat).queryKey, { id: pat, name: 'Pat Manager', email: 'pm@demo.test' });
    const base = conflict('t3', 'Gamma', 412, { theirs: { id: 't3', assignee_id: pat }, theirEtag: '"2"' });
    useOfflineStore.getState().addConflicts([
      {
        ...base,
        mutation: { ...base.mutation, body: { assignee_id: dana }, before: { assignee_id: null } },
      },
    ]);
    render(
      <QueryClientProvider client={client}>
        <ConflictDialog />
      </QueryClientProvider>,
    );
    const row = await screen.findByRole('row', { name: /Assignee/ });
    expect(row).toHaveTextContent('Assigneefrom “empty” to “Dana Developer”they changed it to “Pat Manager”');
    expect(row).not.toHaveTextContent('183cb478');
  });
});
