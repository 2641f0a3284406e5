import type { ImportStep } from '../import-step';
import { BrokenReference } from '../import-step';
import { nonNegativeMinor, text } from '../legacy-values';
import { created, updated, currency } from './step-values';

export const contracts: ImportStep = {
  entity: 'contract',
  legacyTable: 'contracts',
  auditType: 'contract',
  dependsOn: ['program'],
  target: {
    table: 'contracts',
    versioned: true,
    columns: {
      program_id: 'uuid',
      client_name: 'text',
      currency: 'text',
      hourly_rate_minor: 'bigint',
      cap_minor: 'bigint',
      created_at: 'timestamptz',
      updated_at: 'timestamptz',
    },
    insertOnly: ['created_at'],
  },
  alias: 'c',
  // the client organisation is folded into the contract (the new model keeps its name)
  select: `c.id AS id, c.program_id, c.organisation_id, o.id AS organisation_found, o.name AS organisation_name,
           c.currency, c.hourly_rate, c.cap_amount, c.created_at, c.updated_at`,
  from: `contracts c LEFT JOIN organisations o ON o.id = c.organisation_id AND o.application_instance_id = c.application_instance_id
         WHERE c.application_instance_id = ?`,
  sinceAlso: ['o.updated_at >= ?'],
  timestamps: 'created_updated',
  map(row, ctx) {
    const program = ctx.ref('program', row.program_id, 'program_id');
    if (!row.organisation_found)
      throw new BrokenReference(`organisation_id → organisations ${row.organisation_id}: does not exist`);
    const code = currency(row.currency);
    return {
      values: {
        program_id: program,
        client_name: text(row.organisation_name).slice(0, 200),
        currency: code,
        hourly_rate_minor: nonNegativeMinor(row.hourly_rate ?? '', code, 'hourly_rate'),
        cap_minor: row.cap_amount === null ? null : nonNegativeMinor(row.cap_amount, code, 'cap_amount'),
        created_at: created(row),
        updated_at: updated(row),
      },
    };
  },
};
