import { useState } from 'react';
import { Button } from '@/components/ui/button';
import {
  taskExportRequest,
  useCreateExport,
  useExportProgress,
  type DataExport,
} from '@/features/exports/api/exports';
import type { TaskFilters } from '@/features/tasks/api/list-tasks';

/** The progress of one export, then its download link (or why it failed). */
export function ExportProgress({ started }: { started: DataExport }) {
  const { data } = useExportProgress(started.id, started);
  const current = data ?? started;
  if (current.status === 'completed' && current.download_url)
    return (
      <p className="text-xs" role="status">
        Export ready ({current.progress.total_rows ?? 0} tasks):{' '}
        <a
          className="font-medium text-brand-700 underline dark:text-brand-300"
          href={current.download_url}
          download
        >
          Download {current.file_name}
        </a>
      </p>
    );
  if (current.status === 'failed')
    return (
      <p className="text-xs text-red-700 dark:text-red-400" role="alert">
        The export failed: {current.error ?? 'unknown reason'}
      </p>
    );
  const { processed_rows: done, total_rows: total, percent } = current.progress;
  return (
    <div className="flex items-center gap-2 text-xs">
      <progress
        aria-label="Export progress"
        className="h-2 w-40"
        max={100}
        value={percent}
        aria-valuetext={`${percent}%`}
      />
      <span role="status">
        {total === null
          ? 'Preparing the export…'
          : `Exporting ${done.toLocaleString()} of ${total.toLocaleString()}…`}
      </span>
    </div>
  );
}

/** Exports the tasks the list shows (its filters) as CSV: a job with a progress bar, then a download link. */
export function ExportTasksButton({ filters }: { filters: TaskFilters }) {
  const create = useCreateExport();
  const [started, setStarted] = useState<DataExport | null>(null);
  return (
    <div className="flex flex-col gap-1">
      <Button
        variant="secondary"
        disabled={create.isPending}
        onClick={() => create.mutate(taskExportRequest(filters), { onSuccess: setStarted })}
      >
        Export CSV
      </Button>
      {create.isError && (
        <p className="text-xs text-red-700 dark:text-red-400" role="alert">
          {create.error.message}
        </p>
      )}
      {started && <ExportProgress key={started.id} started={started} />}
    </div>
  );
}
