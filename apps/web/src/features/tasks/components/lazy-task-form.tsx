import { lazy, Suspense, type ComponentProps } from 'react';
import { Spinner } from '@/components/ui/spinner';

// the form and its validation (react-hook-form, zod) load when a task is created or edited, not with the
// task list: the workspace's first screen does without them
const LazyForm = lazy(() =>
  import('@/features/tasks/components/task-form').then((m) => ({ default: m.TaskForm })),
);

/** The task form (features/tasks/components/task-form.tsx), loaded on first use. */
export function TaskForm(props: ComponentProps<typeof LazyForm>) {
  return (
    <Suspense fallback={<Spinner label="Loading the form…" />}>
      <LazyForm {...props} />
    </Suspense>
  );
}
