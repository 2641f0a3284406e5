import type { ImportStep } from '../import-step';
import { LegacyValueError } from '../legacy-values';
import { created } from './step-values';

export const taskDependencies: ImportStep = {
  entity: 'task_dependency',
  legacyTable: 'task_dependencies',
  auditType: 'task_dependency',
  dependsOn: ['task'],
  target: {
    table: 'task_dependencies',
    versioned: false,
    columns: { blocker_id: 'uuid', blocked_id: 'uuid', type: 'text', created_at: 'timestamptz' },
    insertOnly: ['created_at'],
  },
  alias: 'd',
  select: 'd.id AS id, d.task_id, d.depends_on_task_id, d.type, d.created_at, d.updated_at',
  from: 'task_dependencies d JOIN tasks t ON t.id = d.task_id WHERE t.application_instance_id = ?',
  timestamps: 'created_updated',
  map(row, ctx) {
    const blocked = ctx.ref('task', row.task_id, 'task_id');
    const blocker = ctx.ref('task', row.depends_on_task_id, 'depends_on_task_id');
    if (row.type !== 'finish_to_start')
      throw new LegacyValueError(`type: "${row.type}" (the new model has finish-to-start dependencies only)`);
    if (blocked === blocker) throw new LegacyValueError('a task depending on itself');
    return {
      values: { blocker_id: blocker, blocked_id: blocked, type: 'finish_to_start', created_at: created(row) },
    };
  },
  uniqueKey: (v) => `${String(v.blocker_id)}>${String(v.blocked_id)}`,
};
