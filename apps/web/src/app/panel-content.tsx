import { lazy, useCallback } from 'react';
import { useSearchParams } from 'react-router';
import { useMe } from '@/features/users/api/get-me';
import type { RenderPanel } from '@/features/workspace/components/panel-content';
import { useLayoutStore } from '@/features/workspace/stores/layout-store';

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

const ReviewQueue = lazy(() =>
  import('@/features/certifications/components/review-queue').then((m) => ({ default: m.ReviewQueue })),
);

const TimesheetPanel = lazy(() =>
  import('@/features/time/components/timesheet-panel').then((m) => ({ default: m.TimesheetPanel })),
);

const FinancialPanel = lazy(() =>
  import('@/features/financial/components/financial-panel').then((m) => ({ default: m.FinancialPanel })),
);

const ReportsPanel = lazy(() =>
  import('@/features/reports/components/reports-panel').then((m) => ({ default: m.ReportsPanel })),
);

/** Roles whose holders review certifications (the API and the certification service enforce it anyway). */
const REVIEWER_ROLES = ['compliance_officer', 'admin'];

/**
 * The task detail, whose certification badge links reviewers to the review: the certification goes in
 * the URL (?certification=) and a review queue panel is opened when the workspace has none.
 */
function TaskDetailPanel() {
  const me = useMe();
  const [, setParams] = useSearchParams();
  const mayReview = me.data?.roles?.some((r) => REVIEWER_ROLES.includes(r)) ?? false;
  const openReview = useCallback(
    (certificationId: string) => {
      setParams((prev) => {
        const next = new URLSearchParams(prev);
        next.set('certification', certificationId);
        return next;
      });
      const { layout, addPanel } = useLayoutStore.getState();
      if (!layout.columns.some((c) => c.panels.some((p) => p.kind === 'review-queue')))
        addPanel('review-queue');
    },
    [setParams],
  );
  return <TaskDetail onOpenReview={mayReview ? openReview : undefined} />;
}

/** The workspace panels, by kind. */
export const renderPanel: RenderPanel = (kind) => {
  switch (kind) {
    case 'task-list':
      return <TaskList />;
    case 'task-detail':
      return <TaskDetailPanel />;
    case 'audit-history':
      return <AuditPanel />;
    case 'certification':
      return <CertificationPanel />;
    case 'review-queue':
      return <ReviewQueue />;
    case 'workflow-board':
      return <WorkflowBoard />;
    case 'timesheet':
      return <TimesheetPanel />;
    case 'financial':
      return <FinancialPanel />;
    case 'reports':
      return <ReportsPanel />;
  }
};
