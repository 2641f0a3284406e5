import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { ConflictDialog } from '@/components/ui/conflict-dialog';
import type { Conflict } from '@/lib/offline/mutation-queue';
import { useOfflineStore } from '@/lib/offline/offline-store';

const conflict = (id: string, label: string, status: number): Conflict => ({
  mutation: {
    id,
    seq: 1,
    method: 'PATCH',
    path: `/api/v1/tasks/${id}`,
    body: { title: label },
    ifMatch: 'W/"1"',
    label,
    createdAt: new Date().toISOString(),
    invalidate: [],
  },
  status,
  message: 'Version mismatch',
});

describe('the conflict dialog', () => {
  beforeEach(() => {
    useOfflineStore.setState({ conflicts: [] });
  });

  it('stays closed without conflicts', () => {
    render(<ConflictDialog />);
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('shows each refused offline change, one at a time, with the change itself, until the user decides', async () => {
    useOfflineStore
      .getState()
      .addConflicts([conflict('t1', 'Rename to Alpha', 412), conflict('t2', 'Rename to Beta', 422)]);
    render(<ConflictDialog />);
    const dialog = screen.getByRole('dialog', { name: 'A change made offline was not applied' });
    expect(dialog).toHaveTextContent(
      '“Rename to Alpha” (PATCH /api/v1/tasks/t1) was refused: Version mismatch',
    );
    expect(dialog).toHaveTextContent('Someone changed it while you were offline.');
    expect(dialog).toHaveTextContent('"title": "Rename to Alpha"');

    await userEvent.click(screen.getByRole('button', { name: 'Discard my change' }));
    const next = screen.getByRole('dialog');
    expect(next).toHaveTextContent('“Rename to Beta”');
    expect(next).not.toHaveTextContent('Someone changed it');
    await userEvent.click(screen.getByRole('button', { name: 'Discard my change' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(useOfflineStore.getState().conflicts).toEqual([]);
  });
});
