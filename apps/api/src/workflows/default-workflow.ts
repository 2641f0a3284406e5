import type { CreateWorkflowDto } from './dto/workflow.dto';

/**
 * The workflow every demo tenant gets: todo → in_progress → review → done, where review → done needs
 * two approvals (quorum two) from project managers (a role whose descendants, e.g. admin, also count).
 */
export const DEFAULT_WORKFLOW: CreateWorkflowDto = {
  name: 'Default',
  description: 'To do, in progress, review (two project-manager approvals), done',
  is_default: true,
  allow_open_blockers: false,
  initial_state: 'todo',
  states: [
    { key: 'todo', name: 'To do', category: 'todo' },
    { key: 'in_progress', name: 'In progress', category: 'in_progress' },
    { key: 'review', name: 'In review', category: 'in_progress' },
    { key: 'done', name: 'Done', category: 'done' },
  ],
  transitions: [
    { from: 'todo', to: 'in_progress', name: 'Start' },
    { from: 'in_progress', to: 'todo', name: 'Stop' },
    { from: 'in_progress', to: 'review', name: 'Submit for review' },
    { from: 'review', to: 'in_progress', name: 'Request changes' },
    {
      from: 'review',
      to: 'done',
      name: 'Approve',
      quorum: 2,
      approvals_required: 2,
      approver_role: 'project_manager',
    },
  ],
};
