import type { ImportStep } from '../import-step';
import { LegacyValueError, text } from '../legacy-values';
import { created, updated } from './step-values';

export const workflows: ImportStep = {
  entity: 'workflow',
  legacyTable: 'workflows',
  auditType: 'workflow',
  dependsOn: [],
  target: {
    table: 'workflows',
    versioned: true,
    columns: {
      name: 'text',
      description: 'text',
      is_default: 'boolean',
      allow_open_blockers: 'boolean',
      initial_state_key: 'text',
      created_at: 'timestamptz',
      updated_at: 'timestamptz',
    },
    insertOnly: ['created_at'],
  },
  alias: 'w',
  select: `w.id AS id, w.name, w.description, w.is_default, w.created_at, w.updated_at,
           (SELECT s.\`key\` FROM workflow_states s WHERE s.workflow_id = w.id AND s.is_initial = 1 ORDER BY s.id LIMIT 1) AS initial_key`,
  from: 'workflows w WHERE w.application_instance_id = ?',
  sinceAlso: ['EXISTS (SELECT 1 FROM workflow_states s WHERE s.workflow_id = w.id AND s.updated_at >= ?)'],
  timestamps: 'created_updated',
  map(row, ctx) {
    if (!row.initial_key) throw new LegacyValueError('workflow has no initial state (is_initial)');
    let isDefault = row.is_default === '1';
    if (isDefault && ctx.tenantHasOwnDefaultWorkflow) {
      isDefault = false;
      ctx.note(
        `legacy default workflow "${row.name}" imported as not default: the tenant already has a default workflow`,
      );
    }
    return {
      values: {
        name: text(row.name).slice(0, 200),
        description: text(row.description),
        is_default: isDefault,
        allow_open_blockers: false,
        initial_state_key: row.initial_key,
        created_at: created(row),
        updated_at: updated(row),
      },
    };
  },
};
