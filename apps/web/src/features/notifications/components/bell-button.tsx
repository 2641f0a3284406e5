import type { ComponentProps } from 'react';
import { Button } from '@/components/ui/button';

/** The bell's look: an icon button named with the unread count, the count as a badge. */
export function BellButton({
  label,
  unread,
  ...props
}: { label: string; unread: number } & ComponentProps<typeof Button>) {
  return (
    <Button variant="ghost" aria-label={label} className="relative" {...props}>
      <svg
        aria-hidden="true"
        viewBox="0 0 24 24"
        width="18"
        height="18"
        fill="none"
        stroke="currentColor"
        strokeWidth="2"
      >
        <path d="M6 8a6 6 0 1 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
        <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
      </svg>
      {unread > 0 && (
        <span
          aria-hidden="true"
          className="absolute -top-0.5 -right-0.5 min-w-4 rounded-full bg-red-700 px-1 text-center text-[10px] leading-4 font-semibold text-white"
        >
          {unread > 99 ? '99+' : unread}
        </span>
      )}
    </Button>
  );
}
