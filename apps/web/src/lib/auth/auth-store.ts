import { create } from 'zustand';

/** Who is signed in in this tab (from the ID token), not server data: the profile comes from /users/me. */
export interface SessionUser {
  sub: string;
  email?: string;
  name?: string;
  tenantId?: string;
}

export type AuthStatus = 'loading' | 'signed-out' | 'signed-in';

interface AuthState {
  status: AuthStatus;
  user: SessionUser | null;
  set: (status: AuthStatus, user: SessionUser | null) => void;
}

export const useAuthStore = create<AuthState>((set) => ({
  status: 'loading',
  user: null,
  set: (status, user) => set({ status, user }),
}));
