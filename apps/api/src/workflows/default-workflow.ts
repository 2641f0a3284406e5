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

/** Key of the demo tenant's governance policy (seeded by `seed:demo-policy` into the certification service). */
export const DEMO_POLICY_KEY = 'demo-governance';

/**
 * The demo tenant's workflow: the default one whose review step is certified. Entering "In review"
 * asks the certification service to certify the task's llm_output under the demo policy; an approval
 * by a compliance officer completes the task, a rejection or revocation sends it back to "In progress";
 * "Done" by hand needs the two project-manager approvals and a valid certification.
 */
export const DEMO_WORKFLOW: CreateWorkflowDto = {
  ...DEFAULT_WORKFLOW,
  description:
    'To do, in progress, review (the output is certified; a compliance approval completes the task), done (two project-manager approvals and a valid certification)',
  states: DEFAULT_WORKFLOW.states.map((state) =>
    state.key === 'review'
      ? {
          ...state,
          request_certification: { policy_key: DEMO_POLICY_KEY },
          on_certification: { approved: 'done', rejected: 'in_progress', revoked: 'in_progress' },
        }
      : state.key === 'done'
        ? { ...state, requires_certification: true, on_certification: { revoked: 'in_progress' } }
        : state,
  ),
};
