import { isoWeekOf } from '../../time/iso-week';
import type { ImportStep } from '../import-step';
import { LegacyValueError, requiredDate, zonedDateTime } from '../legacy-values';
import { created, updated } from './step-values';

export const timeCards: ImportStep = {
  entity: 'time_card',
  legacyTable: 'time_cards',
  auditType: 'time_card',
  dependsOn: ['user'],
  target: {
    table: 'time_cards',
    versioned: true,
    columns: {
      user_id: 'uuid',
      iso_week: 'text',
      week_start: 'date',
      status: 'text',
      submitted_at: 'timestamptz',
      decided_at: 'timestamptz',
      decided_by: 'uuid',
      rejection_reason: 'text',
      created_at: 'timestamptz',
      updated_at: 'timestamptz',
    },
    insertOnly: ['created_at'],
  },
  alias: 'tc',
  select: `tc.id AS id, tc.user_id, tc.week_start, tc.status, tc.submitted_at, tc.approved_at, tc.approved_by,
           tc.rejection_reason, tc.created_at, tc.updated_at`,
  from: 'time_cards tc WHERE tc.application_instance_id = ?',
  timestamps: 'created_updated',
  map(row, ctx) {
    const weekStart = requiredDate(row.week_start, 'week_start');
    const week = isoWeekOf(weekStart);
    if (week.weekStart !== weekStart)
      throw new LegacyValueError(`week_start: ${weekStart} is not a Monday (the new model keeps ISO weeks)`);
    if (!['draft', 'submitted', 'approved', 'rejected'].includes(row.status ?? ''))
      throw new LegacyValueError(`status: unknown value "${row.status}"`);
    return {
      values: {
        user_id: ctx.ref('user', row.user_id, 'user_id'),
        iso_week: week.week,
        week_start: weekStart,
        status: row.status,
        submitted_at: zonedDateTime(row.submitted_at, ctx.zone, 'submitted_at'),
        decided_at: zonedDateTime(row.approved_at, ctx.zone, 'approved_at'),
        decided_by: ctx.optionalRef('user', row.approved_by, 'approved_by'),
        rejection_reason: row.rejection_reason,
        created_at: created(row),
        updated_at: updated(row),
      },
    };
  },
  uniqueKey: (v) => `${String(v.user_id)}:${String(v.week_start)}`,
};
