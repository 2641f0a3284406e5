import { isoWeekOf } from '../../time/iso-week';
import type { ImportStep } from '../import-step';
import { BrokenReference } from '../import-step';
import { hoursToMinutes, LegacyValueError, nonNegativeMinor, requiredDate, text } from '../legacy-values';
import { created, updated, skipIfDeleted, currency } from './step-values';

export const workLogs: ImportStep = {
  entity: 'work_log',
  legacyTable: 'work_logs',
  auditType: 'work_log',
  dependsOn: ['user', 'task', 'time_card', 'invoice'],
  target: {
    table: 'work_logs',
    versioned: true,
    columns: {
      user_id: 'uuid',
      task_id: 'uuid',
      time_card_id: 'uuid',
      invoice_id: 'uuid',
      work_date: 'date',
      duration_minutes: 'integer',
      billable: 'boolean',
      rate_minor: 'bigint',
      currency: 'text',
      description: 'text',
      created_at: 'timestamptz',
      updated_at: 'timestamptz',
    },
    insertOnly: ['created_at'],
  },
  alias: 'wl',
  select: `wl.id AS id, wl.user_id, wl.task_id, wl.time_card_id, wl.invoice_id, wl.work_date, wl.hours, wl.billable,
           wl.rate, wl.currency, wl.description, wl.created_at, wl.updated_at, wl.deleted_at,
           tc.user_id AS card_user_id, tc.week_start AS card_week_start`,
  from: 'work_logs wl LEFT JOIN time_cards tc ON tc.id = wl.time_card_id WHERE wl.application_instance_id = ?',
  timestamps: 'created_updated_deleted',
  map(row, ctx) {
    skipIfDeleted(row);
    const user = ctx.ref('user', row.user_id, 'user_id');
    const task = ctx.ref('task', row.task_id, 'task_id');
    const date = requiredDate(row.work_date, 'work_date');
    if (row.time_card_id === null)
      throw new LegacyValueError(
        'time_card_id: none (the new model files every work log in its weekly time card)',
      );
    const card = ctx.ref('time_card', row.time_card_id, 'time_card_id');
    if (row.card_user_id !== row.user_id || row.card_week_start !== isoWeekOf(date).weekStart)
      throw new BrokenReference(`time_card_id → time_cards ${row.time_card_id}: another user's card or week`);
    const minutes = hoursToMinutes(row.hours ?? '', 'hours');
    if (minutes < 1 || minutes > 1440)
      throw new LegacyValueError(`hours: ${row.hours} is not within 1 min..24 h`);
    const code = currency(row.currency);
    return {
      values: {
        user_id: user,
        task_id: task,
        time_card_id: card,
        invoice_id: ctx.optionalRef('invoice', row.invoice_id, 'invoice_id'),
        work_date: date,
        duration_minutes: minutes,
        billable: row.billable === '1',
        rate_minor: nonNegativeMinor(row.rate ?? '', code, 'rate'),
        currency: code,
        description: text(row.description),
        created_at: created(row),
        updated_at: updated(row),
      },
    };
  },
};
