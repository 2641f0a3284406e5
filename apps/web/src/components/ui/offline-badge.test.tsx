import { act, render, screen } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { OfflineBadge } from '@/components/ui/offline-badge';
import { useOfflineStore } from '@/lib/offline/offline-store';

describe('the offline badge', () => {
  beforeEach(() => {
    useOfflineStore.setState({ online: true, pending: 0, replaying: false, conflicts: [] });
  });

  it('shows nothing online with no pending change', () => {
    render(<OfflineBadge />);
    expect(screen.getByRole('status')).toBeEmptyDOMElement();
  });

  it('shows Offline and the pending count, announced as a status', () => {
    render(<OfflineBadge />);
    act(() => {
      useOfflineStore.getState().setOnline(false);
      useOfflineStore.getState().setPending(1);
    });
    expect(screen.getByRole('status')).toHaveTextContent('Offline');
    expect(screen.getByRole('status')).toHaveTextContent('Pending 1 change');
    act(() => useOfflineStore.getState().setPending(3));
    expect(screen.getByText('Pending 3 changes')).toBeInTheDocument();
  });

  it('says Syncing while the queue replays and disappears once it is empty', () => {
    render(<OfflineBadge />);
    act(() => {
      useOfflineStore.getState().setPending(2);
      useOfflineStore.getState().setReplaying(true);
    });
    expect(screen.getByText('Syncing 2 changes')).toBeInTheDocument();
    expect(screen.queryByText('Offline')).toBeNull();
    act(() => {
      useOfflineStore.getState().setReplaying(false);
      useOfflineStore.getState().setPending(0);
    });
    expect(screen.getByRole('status')).toBeEmptyDOMElement();
  });
});
