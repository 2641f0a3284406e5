import type { ImportStep } from '../import-step';
import { INSTANCE_ROLE, LegacyValueError, mapped, text } from '../legacy-values';
import { created, updated } from './step-values';

export const users: ImportStep = {
  entity: 'user',
  legacyTable: 'users',
  auditType: 'user',
  dependsOn: [],
  target: {
    table: 'users',
    versioned: true,
    columns: {
      email: 'text',
      name: 'text',
      password_hash: 'text',
      status: 'text',
      created_at: 'timestamptz',
      updated_at: 'timestamptz',
    },
    insertOnly: ['created_at'],
    // A user who signed in here since has an argon2 hash of ours: a legacy password change never replaces it.
    updateExpressions: {
      password_hash: `CASE WHEN t.password_hash LIKE '$2%' THEN v.password_hash ELSE t.password_hash END`,
    },
  },
  alias: 'u',
  select: `u.id AS id, u.email, u.name, u.password, u.is_active, u.created_at, u.updated_at, u.deleted_at,
           m.role AS role, m.updated_at AS membership_updated_at`,
  from: `users u JOIN application_instance_users m ON m.user_id = u.id WHERE m.application_instance_id = ?`,
  sinceAlso: ['m.updated_at >= ?', 'm.created_at >= ?'],
  timestamps: 'created_updated_deleted',
  auditOmit: ['password_hash'],
  map(row, ctx) {
    const email = (row.email ?? '').trim();
    if (!/^[^@\s]+@[^@\s]+$/.test(email) || email.length > 320)
      throw new LegacyValueError(`email: "${row.email}" is not an email address`);
    const hash = row.password ?? '';
    if (!/^\$2[aby]\$\d\d\$[./A-Za-z0-9]{53}$/.test(hash))
      throw new LegacyValueError('password: not a bcrypt hash (the user must reset the password)');
    const role = mapped(INSTANCE_ROLE, row.role ?? '', 'application_instance_users.role');
    const active = row.is_active === '1' && !(row.deleted_at && !row.deleted_at.startsWith('0000'));
    return {
      values: {
        email,
        name: text(row.name).slice(0, 200) || email,
        password_hash: hash,
        status: active ? 'active' : 'disabled',
        created_at: created(row),
        updated_at: updated(row),
        // not a column of users: granted tenant-wide after the write
        role_id: ctx.roleId(role),
      },
    };
  },
  uniqueKey: (v) => `email:${String(v.email).toLowerCase()}`,
  async validate(hooks, rows, inserts) {
    const taken = await hooks.existingEmails(inserts.map((r) => String(r.values.email).toLowerCase()));
    const failures = new Map<string, string>();
    for (const row of inserts)
      if (taken.has(String(row.values.email).toLowerCase()))
        failures.set(row.legacyId, 'email: an account with this email already exists (not merged)');
    return failures;
  },
  async afterWrite(hooks, written) {
    // the legacy role is granted tenant-wide; roles granted here since are kept
    await hooks.grantTenantRoles(written.map((r) => ({ userId: r.id, roleId: String(r.values.role_id) })));
  },
};
