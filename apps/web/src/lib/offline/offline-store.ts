import { create } from 'zustand';
import type { Conflict } from '@/lib/offline/mutation-queue';

/** Connectivity and offline-queue status for the shell (badge, pending count, conflicts to resolve). */
interface OfflineState {
  online: boolean;
  pending: number;
  replaying: boolean;
  conflicts: Conflict[];
  setOnline: (online: boolean) => void;
  setPending: (pending: number) => void;
  setReplaying: (replaying: boolean) => void;
  addConflicts: (conflicts: Conflict[]) => void;
  resolveConflict: (id: string) => void;
}

export const useOfflineStore = create<OfflineState>((set) => ({
  online: typeof navigator === 'undefined' ? true : navigator.onLine,
  pending: 0,
  replaying: false,
  conflicts: [],
  setOnline: (online) => set({ online }),
  setPending: (pending) => set({ pending }),
  setReplaying: (replaying) => set({ replaying }),
  addConflicts: (conflicts) => set((s) => ({ conflicts: [...s.conflicts, ...conflicts] })),
  resolveConflict: (id) => set((s) => ({ conflicts: s.conflicts.filter((c) => c.mutation.id !== id) })),
}));
