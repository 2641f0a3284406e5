import type { ImportStep } from '../import-step';
import { BrokenReference } from '../import-step';
import { LegacyValueError, text } from '../legacy-values';

export const workflowTransitions: ImportStep = {
  entity: 'workflow_transition',
  legacyTable: 'workflow_transitions',
  auditType: 'workflow_transition',
  dependsOn: ['workflow', 'workflow_state'],
  target: {
    table: 'workflow_transitions',
    versioned: false,
    columns: {
      workflow_id: 'uuid',
      from_state_id: 'uuid',
      to_state_id: 'uuid',
      name: 'text',
      approvals_required: 'integer',
    },
  },
  alias: 'tr',
  select: `tr.id AS id, tr.workflow_id, tr.from_state_id, tr.to_state_id, tr.name, tr.approvals_required,
           sf.workflow_id AS from_workflow_id, st.workflow_id AS to_workflow_id, tr.created_at, tr.updated_at`,
  from: `workflow_transitions tr JOIN workflows w ON w.id = tr.workflow_id
         LEFT JOIN workflow_states sf ON sf.id = tr.from_state_id LEFT JOIN workflow_states st ON st.id = tr.to_state_id
         WHERE w.application_instance_id = ?`,
  timestamps: 'created_updated',
  map(row, ctx) {
    const workflow = ctx.ref('workflow', row.workflow_id, 'workflow_id');
    const from = ctx.ref('workflow_state', row.from_state_id, 'from_state_id');
    const to = ctx.ref('workflow_state', row.to_state_id, 'to_state_id');
    if (row.from_workflow_id !== row.workflow_id || row.to_workflow_id !== row.workflow_id)
      throw new BrokenReference('from_state_id/to_state_id: a state of another workflow');
    if (from === to) throw new LegacyValueError('a transition from a state to itself');
    return {
      values: {
        workflow_id: workflow,
        from_state_id: from,
        to_state_id: to,
        name: text(row.name).slice(0, 100),
        approvals_required: Number(row.approvals_required),
      },
    };
  },
  uniqueKey: (v) => `${String(v.from_state_id)}>${String(v.to_state_id)}`,
};
