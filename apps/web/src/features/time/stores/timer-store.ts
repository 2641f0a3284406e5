import { create } from 'zustand';

/**
 * The running timer and the log defaults (UI state, not server data), kept in localStorage so that a
 * timer survives a reload. Stopping it creates a work log; the server holds the logs.
 */
export interface RunningTimer {
  taskId: string;
  startedAt: number;
}
export interface LogDefaults {
  currency: string;
  /** cost rate per hour, typed in major units (parsed into minor units when logging) */
  rate: string;
  billable: boolean;
}

const KEY = 'oversing.timer';

interface TimerState {
  running: RunningTimer | null;
  defaults: LogDefaults;
  start: (taskId: string, now?: number) => void;
  stop: () => RunningTimer | null;
  setDefaults: (defaults: LogDefaults) => void;
}

const initial = (): Pick<TimerState, 'running' | 'defaults'> => {
  const fallback = { running: null, defaults: { currency: 'EUR', rate: '0', billable: true } };
  try {
    const saved = JSON.parse(localStorage.getItem(KEY) ?? 'null') as Partial<TimerState> | null;
    return saved
      ? { running: saved.running ?? null, defaults: saved.defaults ?? fallback.defaults }
      : fallback;
  } catch {
    return fallback;
  }
};

export const useTimerStore = create<TimerState>((set, get) => {
  const save = () => {
    const { running, defaults } = get();
    localStorage.setItem(KEY, JSON.stringify({ running, defaults }));
  };
  return {
    ...initial(),
    start: (taskId, now = Date.now()) => {
      set({ running: { taskId, startedAt: now } });
      save();
    },
    stop: () => {
      const running = get().running;
      set({ running: null });
      save();
      return running;
    },
    setDefaults: (defaults) => {
      set({ defaults });
      save();
    },
  };
});

/** Whole minutes of a timer, at least 1 and at most a day (what one work log may hold). */
export function elapsedMinutes(startedAt: number, now: number): number {
  return Math.min(1440, Math.max(1, Math.round((now - startedAt) / 60_000)));
}
