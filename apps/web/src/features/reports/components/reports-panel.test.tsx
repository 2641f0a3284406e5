import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { ProgramOverview, TimeReport } from '@/features/reports/api/reports';
import { BurnUp, StatusDistribution, TimeTable } from '@/features/reports/components/reports-panel';

const overview: ProgramOverview = {
  program_id: null,
  status_counts: { todo: 2, in_progress: 1, blocked: 0, done: 3, cancelled: 0 },
  total: 6,
  overdue: 1,
  blocked_by_dependencies: 1,
  burn_up: [
    { week_start: '2026-11-16', created_total: 2, done_total: 0 },
    { week_start: '2026-11-23', created_total: 4, done_total: 1 },
    { week_start: '2026-11-30', created_total: 6, done_total: 3 },
  ],
};

describe('the reports panel', () => {
  it('lists the tasks by status beside the bar', () => {
    render(<StatusDistribution overview={overview} />);
    const list = screen.getByLabelText('Tasks by status');
    expect(list.tagName).toBe('UL');
    expect([...list.querySelectorAll('li')].map((li) => li.textContent)).toEqual([
      'To do: 2',
      'In progress: 1',
      'Blocked: 0',
      'Done: 3',
      'Cancelled: 0',
    ]);
    expect(screen.getByText('Tasks by status (6)')).toBeInTheDocument();
  });

  it('draws the burn-up to scale and says where it ends', () => {
    render(<BurnUp overview={overview} />);
    expect(screen.getByText('Burn-up, last 3 weeks: 3 of 6 done')).toBeInTheDocument();
    const [created, done] = screen.getByLabelText('Burn-up chart').querySelectorAll('polyline');
    expect(created.getAttribute('points')).toBe('0.0,66.7 150.0,33.3 300.0,0.0');
    expect(done.getAttribute('points')).toBe('0.0,100.0 150.0,83.3 300.0,50.0');
  });

  it('shows hours per person and week with totals', () => {
    const report: TimeReport = {
      from: '2026-10-10',
      to: '2026-12-05',
      covers: 'everyone',
      rows: [
        {
          user_id: 'u1',
          user_name: 'Dana Developer',
          program_id: 'p1',
          program_name: 'Website relaunch',
          week_start: '2026-11-30',
          billable_minutes: 90,
          non_billable_minutes: 30,
        },
      ],
      totals: { billable_minutes: 90, non_billable_minutes: 30 },
    };
    render(<TimeTable report={report} />);
    const rows = [...document.querySelectorAll('tr')].map((r) => r.textContent);
    expect(rows[1]).toBe('2026-11-30Dana DeveloperWebsite relaunch1.50.5');
    expect(rows[2]).toBe('Total1.50.5');
  });
});
