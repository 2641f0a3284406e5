import type { ReactNode } from 'react';

export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="p-4 text-sm text-slate-600 dark:text-slate-300">
      <p className="font-medium text-slate-800 dark:text-slate-100">{title}</p>
      {children && <div className="mt-1">{children}</div>}
    </div>
  );
}
