import { createStore, del, get, set } from 'idb-keyval';
import type { SessionUser } from '@/lib/auth/auth-store';

/**
 * What survives closing the app (IndexedDB database `oversing-auth`, store `session`): the rotating refresh
 * token, the ID token (the end-session hint), the user's claims and the DPoP key pair. The private key is a
 * non-extractable CryptoKey: IndexedDB keeps the key object, and no script (ours or injected) can read its
 * bytes, so a refresh token copied out of this store is useless anywhere else. Access tokens are never
 * stored: they live in each page's memory.
 */
export interface StoredSession {
  refreshToken: string;
  idToken?: string;
  user: SessionUser;
}

const SESSION_KEY = 'session';
const DPOP_KEY = 'dpop-key';

const store = (() => {
  let s: ReturnType<typeof createStore> | undefined;
  return () => (s ??= createStore('oversing-auth', 'session'));
})();

export async function readSession(): Promise<StoredSession | null> {
  try {
    return (await get<StoredSession>(SESSION_KEY, store())) ?? null;
  } catch {
    return null;
  }
}

export async function writeSession(session: StoredSession | null): Promise<void> {
  if (session) await set(SESSION_KEY, session, store());
  else await del(SESSION_KEY, store());
}

/** The DPoP key pair of this installation: created once (ES256, private key not extractable). */
export async function dpopKeyPair(): Promise<CryptoKeyPair> {
  const existing = await get<CryptoKeyPair>(DPOP_KEY, store()).catch(() => undefined);
  if (existing?.privateKey && existing.publicKey) return existing;
  const created = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, [
    'sign',
    'verify',
  ]);
  await set(DPOP_KEY, created, store());
  return created;
}

/** A new key for the next sign-in, so tokens of a signed-out session cannot be used with the old one. */
export async function forgetDpopKey(): Promise<void> {
  await del(DPOP_KEY, store());
}

/**
 * Runs `task` while holding the app-wide refresh lock (Web Locks API): every page of the origin (tabs, the
 * installed app) shares one rotating refresh token, so only one may redeem it at a time, and each redeems
 * the latest. Without Web Locks (old browsers, jsdom) the pages of this one document still queue up.
 */
let localChain: Promise<unknown> = Promise.resolve();
export function withRefreshLock<T>(task: () => Promise<T>): Promise<T> {
  const locks = (navigator as Navigator & { locks?: LockManager }).locks;
  if (locks) return locks.request('oversing-auth-refresh', task) as Promise<T>;
  const run = localChain.then(task);
  localChain = run.catch(() => undefined);
  return run;
}
