import { lazy } from 'react';
import type { RenderPanel } from '@/features/workspace/components/panel-content';

const TaskList = lazy(() =>
  import('@/features/tasks/components/task-list').then((m) => ({ default: m.TaskList })),
);
const TaskDetail = lazy(() =>
  import('@/features/tasks/components/task-detail').then((m) => ({ default: m.TaskDetail })),
);
const AuditPanel = lazy(() =>
  import('@/features/audit/components/audit-panel').then((m) => ({ default: m.AuditPanel })),
);

const WorkflowBoard = lazy(() =>
  import('@/features/workflows/components/workflow-board').then((m) => ({ default: m.WorkflowBoard })),
);

const CertificationPanel = lazy(() =>
  import('@/features/certifications/components/certification-panel').then((m) => ({
    default: m.CertificationPanel,
  })),
);

const TimesheetPanel = lazy(() =>
  import('@/features/time/components/timesheet-panel').then((m) => ({ default: m.TimesheetPanel })),
);

const FinancialPanel = lazy(() =>
  import('@/features/financial/components/financial-panel').then((m) => ({ default: m.FinancialPanel })),
);

/** The workspace panels, by kind. */
export const renderPanel: RenderPanel = (kind) => {
  switch (kind) {
    case 'task-list':
      return <TaskList />;
    case 'task-detail':
      return <TaskDetail />;
    case 'audit-history':
      return <AuditPanel />;
    case 'certification':
      return <CertificationPanel />;
    case 'workflow-board':
      return <WorkflowBoard />;
    case 'timesheet':
      return <TimesheetPanel />;
    case 'financial':
      return <FinancialPanel />;
  }
};
