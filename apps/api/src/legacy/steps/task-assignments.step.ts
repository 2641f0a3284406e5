import type { ImportStep } from '../import-step';
import { SkipRow } from '../import-step';
import { LegacyValueError } from '../legacy-values';
import { created } from './step-values';

export const taskAssignments: ImportStep = {
  entity: 'task_assignment',
  legacyTable: 'task_assignments',
  auditType: 'task_assignment',
  dependsOn: ['task', 'user'],
  target: {
    table: 'role_assignments',
    versioned: false,
    columns: {
      role_id: 'uuid',
      principal_type: 'text',
      principal_id: 'uuid',
      context_type: 'text',
      context_id: 'uuid',
      created_at: 'timestamptz',
    },
    insertOnly: ['created_at'],
  },
  alias: 'ta',
  // owners are the tasks' assignees (see tasks); here: contributors and reviewers, and surplus owners
  select: `ta.id AS id, ta.task_id, ta.user_id, ta.role, ta.created_at, ta.updated_at,
           (SELECT MIN(o.id) FROM task_assignments o WHERE o.task_id = ta.task_id AND o.role = 'owner') AS first_owner_id`,
  from: 'task_assignments ta JOIN tasks t ON t.id = ta.task_id WHERE t.application_instance_id = ?',
  timestamps: 'created_updated',
  map(row, ctx) {
    const task = ctx.ref('task', row.task_id, 'task_id');
    const user = ctx.ref('user', row.user_id, 'user_id');
    if (row.role === 'owner') {
      if (row.id === row.first_owner_id) throw new SkipRow('owner: imported as the task assignee');
      throw new LegacyValueError(
        `a second owner: the new model has one assignee per task (legacy assignment ${row.first_owner_id} is)`,
      );
    }
    if (row.role !== 'contributor' && row.role !== 'reviewer')
      throw new LegacyValueError(`role: unknown value "${row.role}"`);
    // a contributor or reviewer works on the task: the member role on that task
    return {
      values: {
        role_id: ctx.roleId('member'),
        principal_type: 'user',
        principal_id: user,
        context_type: 'task',
        context_id: task,
        created_at: created(row),
      },
    };
  },
  uniqueKey: (v) => `${String(v.principal_id)}@${String(v.context_id)}`,
};
