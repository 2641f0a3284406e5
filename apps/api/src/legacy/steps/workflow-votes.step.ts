import type { ImportStep } from '../import-step';
import { BrokenReference } from '../import-step';
import { LegacyValueError, text } from '../legacy-values';
import { created, updated, positiveInt } from './step-values';

export const votes: ImportStep = {
  entity: 'workflow_vote',
  legacyTable: 'workflow_instance_votes',
  auditType: 'workflow_vote',
  dependsOn: ['workflow_instance', 'workflow_transition', 'user'],
  target: {
    table: 'workflow_instance_votes',
    versioned: false,
    columns: {
      instance_id: 'uuid',
      transition_id: 'uuid',
      round: 'integer',
      voter_id: 'uuid',
      decision: 'text',
      comment: 'text',
      created_at: 'timestamptz',
      updated_at: 'timestamptz',
    },
    insertOnly: ['created_at'],
  },
  alias: 'v',
  select: `v.id AS id, v.workflow_instance_id, v.workflow_transition_id, v.round, v.user_id, v.decision, v.comment,
           v.created_at, v.updated_at, wi.workflow_id AS instance_workflow_id, tr.workflow_id AS transition_workflow_id`,
  from: `workflow_instance_votes v JOIN workflow_instances wi ON wi.id = v.workflow_instance_id
         JOIN tasks t ON t.id = wi.task_id LEFT JOIN workflow_transitions tr ON tr.id = v.workflow_transition_id
         WHERE t.application_instance_id = ?`,
  timestamps: 'created_updated',
  map(row, ctx) {
    const instance = ctx.ref('workflow_instance', row.workflow_instance_id, 'workflow_instance_id');
    const transition = ctx.ref('workflow_transition', row.workflow_transition_id, 'workflow_transition_id');
    if (row.instance_workflow_id !== row.transition_workflow_id)
      throw new BrokenReference('workflow_transition_id: a transition of another workflow');
    if (row.decision !== 'approve' && row.decision !== 'reject')
      throw new LegacyValueError(`decision: unknown value "${row.decision}"`);
    return {
      values: {
        instance_id: instance,
        transition_id: transition,
        round: positiveInt(row.round, 'round'),
        voter_id: ctx.ref('user', row.user_id, 'user_id'),
        decision: row.decision,
        comment: text(row.comment),
        created_at: created(row),
        updated_at: updated(row),
      },
    };
  },
  uniqueKey: (v) =>
    `${String(v.instance_id)}:${String(v.transition_id)}:${String(v.round)}:${String(v.voter_id)}`,
};
