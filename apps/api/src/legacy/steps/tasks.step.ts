import type { ImportStep } from '../import-step';
import {
  calendarDate,
  hoursToMinutes,
  LegacyValueError,
  mapped,
  TASK_STATUS,
  text,
  zonedDateTime,
} from '../legacy-values';
import { created, updated, skipIfDeleted } from './step-values';

export const tasks: ImportStep = {
  entity: 'task',
  legacyTable: 'tasks',
  auditType: 'task',
  dependsOn: ['program', 'user'],
  target: {
    table: 'tasks',
    versioned: true,
    columns: {
      program_id: 'uuid',
      title: 'text',
      description: 'text',
      status: 'text',
      priority: 'smallint',
      assignee_id: 'uuid',
      due_date: 'date',
      estimate_minutes: 'integer',
      completed_at: 'timestamptz',
      created_at: 'timestamptz',
      updated_at: 'timestamptz',
    },
    insertOnly: ['created_at'],
  },
  alias: 't',
  // the owner (the first, when legacy has several) becomes the assignee; other assignments follow
  select: `t.id AS id, t.program_id, t.title, t.description, t.status, t.priority, t.due_date, t.estimate_hours,
           t.completed_at, t.created_at, t.updated_at, t.deleted_at,
           (SELECT ta.user_id FROM task_assignments ta WHERE ta.task_id = t.id AND ta.role = 'owner'
             ORDER BY ta.id LIMIT 1) AS owner_id`,
  from: 'tasks t WHERE t.application_instance_id = ?',
  sinceAlso: [
    `EXISTS (SELECT 1 FROM task_assignments ta WHERE ta.task_id = t.id AND ta.role = 'owner' AND (ta.updated_at >= ? OR ta.created_at >= ?))`,
  ],
  timestamps: 'created_updated_deleted',
  map(row, ctx) {
    skipIfDeleted(row);
    const title = text(row.title).trim();
    if (!title) throw new LegacyValueError('title: empty');
    const priority = Number(row.priority);
    if (!Number.isInteger(priority) || priority < 1 || priority > 5)
      throw new LegacyValueError(`priority: ${row.priority} is not between 1 and 5`);
    return {
      values: {
        program_id: ctx.ref('program', row.program_id, 'program_id'),
        title: title.slice(0, 300),
        description: text(row.description),
        status: mapped(TASK_STATUS, row.status ?? '', 'status'),
        priority,
        assignee_id: ctx.optionalRef('user', row.owner_id, 'owner (task_assignments)'),
        due_date: calendarDate(row.due_date, 'due_date'),
        estimate_minutes:
          row.estimate_hours === null ? null : hoursToMinutes(row.estimate_hours, 'estimate_hours'),
        completed_at: zonedDateTime(row.completed_at, ctx.zone, 'completed_at'),
        created_at: created(row),
        updated_at: updated(row),
      },
    };
  },
};
