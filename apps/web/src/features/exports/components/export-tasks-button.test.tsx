import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { taskExportRequest, type DataExport } from '@/features/exports/api/exports';
import { ExportProgress } from '@/features/exports/components/export-tasks-button';

const base: DataExport = {
  id: 'e1',
  kind: 'tasks',
  format: 'csv',
  status: 'running',
  progress: { processed_rows: 40_000, total_rows: 100_000, percent: 40 },
  filters: {},
  file_name: 'tasks-2026-12-05.csv',
  byte_size: null,
  download_url: null,
  download_expires_at: null,
  error: null,
  created_at: '2026-12-05T08:00:00.000Z',
  completed_at: null,
  expires_at: '2026-12-06T08:00:00.000Z',
};

function show(e: DataExport) {
  // a query client that never refetches: the component shows what it was given
  const client = new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: Infinity } } });
  client.setQueryData(['exports', e.id], e);
  render(
    <QueryClientProvider client={client}>
      <ExportProgress started={e} />
    </QueryClientProvider>,
  );
}

describe('an export of tasks', () => {
  it('carries the list filters as the API takes them', () => {
    expect(
      taskExportRequest({ status: 'todo,blocked', q: ' launch ', program: 'p1', assignee: 'none' }),
    ).toEqual({
      kind: 'tasks',
      format: 'csv',
      filters: { status: ['todo', 'blocked'], q: 'launch', program: 'p1', assignee: null },
    });
    expect(taskExportRequest({})).toEqual({ kind: 'tasks', format: 'csv', filters: {} });
  });

  it('shows a progress bar while the worker streams the rows', () => {
    show(base);
    const bar = screen.getByRole('progressbar', { name: 'Export progress' });
    expect(bar).toHaveAttribute('value', '40');
    expect(screen.getByRole('status')).toHaveTextContent('Exporting 40,000 of 100,000…');
  });

  it('offers the file once it is ready, and says why when it failed', () => {
    show({
      ...base,
      status: 'completed',
      progress: { processed_rows: 100_000, total_rows: 100_000, percent: 100 },
      download_url: 'https://api.example/api/v1/exports/e1/download?signature=x',
    });
    const link = screen.getByRole('link', { name: 'Download tasks-2026-12-05.csv' });
    expect(link).toHaveAttribute('href', 'https://api.example/api/v1/exports/e1/download?signature=x');
    expect(link).toHaveAttribute('download');
    expect(screen.queryByRole('progressbar')).not.toBeInTheDocument();
  });

  it('says why it failed', () => {
    show({
      ...base,
      id: 'e2',
      status: 'failed',
      error: 'The export could not be produced; please try again.',
    });
    expect(screen.getByRole('alert')).toHaveTextContent(
      'The export could not be produced; please try again.',
    );
  });
});
