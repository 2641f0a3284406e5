import { useQuery } from '@tanstack/react-query';
import { PRESENCE_KEY, type PresenceMember } from '@/lib/realtime/realtime';

const initials = (m: PresenceMember) =>
  (m.info.name ?? m.info.email ?? '?')
    .split(/[\s@.]+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((w) => w[0]!.toUpperCase())
    .join('');

/** Who else is in the workspace right now (presence channel members), as initials with their names. */
export function PresenceAvatars() {
  const members = useQuery<PresenceMember[]>({
    queryKey: PRESENCE_KEY,
    queryFn: () => [],
    staleTime: Infinity,
    gcTime: Infinity,
  }).data;
  if (!members?.length) return null;
  return (
    <ul aria-label="In the workspace now" className="flex -space-x-1">
      {members.slice(0, 5).map((m) => (
        <li
          key={m.id}
          title={m.info.name ?? m.info.email}
          className="flex h-7 w-7 items-center justify-center rounded-full border-2 border-white bg-brand-600 text-xs font-semibold text-white dark:border-slate-950"
        >
          <span aria-hidden="true">{initials(m)}</span>
          <span className="sr-only">{m.info.name ?? m.info.email}</span>
        </li>
      ))}
      {members.length > 5 && <li className="pl-2 text-xs">+{members.length - 5}</li>}
    </ul>
  );
}
