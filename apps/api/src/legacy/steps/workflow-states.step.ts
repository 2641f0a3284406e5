import type { ImportStep } from '../import-step';
import { LegacyValueError, text } from '../legacy-values';

const TASK_CATEGORIES = ['todo', 'in_progress', 'blocked', 'done', 'cancelled'];

export const workflowStates: ImportStep = {
  entity: 'workflow_state',
  legacyTable: 'workflow_states',
  auditType: 'workflow_state',
  dependsOn: ['workflow'],
  target: {
    table: 'workflow_states',
    versioned: false,
    columns: { workflow_id: 'uuid', key: 'text', name: 'text', category: 'text', position: 'integer' },
  },
  alias: 's',
  select:
    's.id AS id, s.workflow_id, s.`key` AS state_key, s.name, s.category, s.sort_order, s.created_at, s.updated_at',
  from: 'workflow_states s JOIN workflows w ON w.id = s.workflow_id WHERE w.application_instance_id = ?',
  timestamps: 'created_updated',
  map(row, ctx) {
    if (!TASK_CATEGORIES.includes(row.category ?? ''))
      throw new LegacyValueError(`category: unknown value "${row.category}"`);
    const key = text(row.state_key);
    if (!/^[a-z0-9_]{1,50}$/.test(key)) throw new LegacyValueError(`key: "${key}" is not a state key`);
    return {
      values: {
        workflow_id: ctx.ref('workflow', row.workflow_id, 'workflow_id'),
        key,
        name: text(row.name).slice(0, 100),
        category: row.category,
        position: Number(row.sort_order),
      },
    };
  },
  uniqueKey: (v) => `${String(v.workflow_id)}:${String(v.key)}`,
};
