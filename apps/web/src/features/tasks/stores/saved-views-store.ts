import { create } from 'zustand';
import { persist } from 'zustand/middleware';

/** Named task-list views: each is the list's URL query (filters and sort), kept on this device. */
export interface SavedView {
  name: string;
  query: string;
}

interface SavedViewsState {
  views: SavedView[];
  save: (name: string, query: string) => void;
  remove: (name: string) => void;
}

export const useSavedViewsStore = create<SavedViewsState>()(
  persist(
    (set) => ({
      views: [],
      save: (name, query) =>
        set((s) => ({ views: [...s.views.filter((v) => v.name !== name), { name, query }] })),
      remove: (name) => set((s) => ({ views: s.views.filter((v) => v.name !== name) })),
    }),
    { name: 'oversing.task-views' },
  ),
);
