import type { ImportStep } from '../import-step';
import { BrokenReference } from '../import-step';
import { created, updated, positiveInt } from './step-values';

export const workflowInstances: ImportStep = {
  entity: 'workflow_instance',
  legacyTable: 'workflow_instances',
  auditType: 'workflow_instance',
  dependsOn: ['task', 'workflow', 'workflow_state'],
  target: {
    table: 'workflow_instances',
    versioned: true,
    columns: {
      workflow_id: 'uuid',
      task_id: 'uuid',
      current_state_id: 'uuid',
      round: 'integer',
      created_at: 'timestamptz',
      updated_at: 'timestamptz',
    },
    insertOnly: ['created_at'],
  },
  alias: 'wi',
  select: `wi.id AS id, wi.workflow_id, wi.task_id, wi.current_state_id, wi.round, wi.created_at, wi.updated_at,
           s.workflow_id AS state_workflow_id`,
  from: `workflow_instances wi JOIN tasks t ON t.id = wi.task_id LEFT JOIN workflow_states s ON s.id = wi.current_state_id
         WHERE t.application_instance_id = ?`,
  timestamps: 'created_updated',
  map(row, ctx) {
    const task = ctx.ref('task', row.task_id, 'task_id');
    const workflow = ctx.ref('workflow', row.workflow_id, 'workflow_id');
    const current = ctx.ref('workflow_state', row.current_state_id, 'current_state_id');
    if (row.state_workflow_id !== row.workflow_id)
      throw new BrokenReference('current_state_id: a state of another workflow');
    return {
      values: {
        workflow_id: workflow,
        task_id: task,
        current_state_id: current,
        round: positiveInt(row.round, 'round'),
        created_at: created(row),
        updated_at: updated(row),
      },
    };
  },
  uniqueKey: (v) => String(v.task_id),
};
