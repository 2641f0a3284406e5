import { useUser } from '@/lib/users/get-user';

/** An id the user cannot resolve to a name (no permission to read users, offline before first read). */
const short = (id: string) => id.slice(0, 8);

/**
 * A user's name (else email), read by id; an ellipsis while it loads and, when it cannot be read, a short
 * form of the id (never an error in the middle of a sentence).
 */
export function UserName({ id }: { id: string }) {
  const user = useUser(id);
  if (user.isPending) return <span aria-busy="true">…</span>;
  if (!user.data) return <span>user {short(id)}</span>;
  return <span title={user.data.email}>{user.data.name || user.data.email}</span>;
}

/** Who did something, as the audit trail records it: a user by name, an integration, or the system. */
export function ActorName({ actor }: { actor: { type: string; id: string | null } }) {
  if (actor.type === 'user' && actor.id) return <UserName id={actor.id} />;
  if (actor.type === 'client') return <span>an integration{actor.id ? ` (${actor.id})` : ''}</span>;
  return <span>the system</span>;
}
