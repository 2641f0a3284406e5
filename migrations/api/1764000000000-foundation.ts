import { MigrationInterface, QueryRunner } from 'typeorm';

/** Tenants, identity, RBAC, OAuth storage. */
export class Foundation1764000000000 implements MigrationInterface {
  name = 'Foundation1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS pgcrypto`);
    await q.query(`
      CREATE TABLE tenants (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        slug varchar(63) NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9][a-z0-9-]*$'),
        name varchar(200) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
        email varchar(320) NOT NULL,
        name varchar(200) NOT NULL,
        password_hash text NOT NULL,
        status varchar(20) NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled', 'erased')),
        totp_secret text,
        totp_enabled boolean NOT NULL DEFAULT false,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX users_email_unique ON users (lower(email))`);
    await q.query(`CREATE INDEX users_tenant_idx ON users (tenant_id, id)`);

    await q.query(`
      CREATE TABLE access_roles (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
        key varchar(63) NOT NULL,
        name varchar(200) NOT NULL,
        description text NOT NULL DEFAULT '',
        parent_role_id uuid REFERENCES access_roles(id) ON DELETE SET NULL,
        system boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (tenant_id, key)
      )`);
    await q.query(`
      CREATE TABLE access_permissions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
        role_id uuid NOT NULL REFERENCES access_roles(id) ON DELETE CASCADE,
        permission varchar(100) NOT NULL,
        UNIQUE (role_id, permission)
      )`);
    await q.query(`
      CREATE TABLE user_groups (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
        name varchar(200) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (tenant_id, name)
      )`);
    await q.query(`
      CREATE TABLE user_group_members (
        tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
        group_id uuid NOT NULL REFERENCES user_groups(id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        PRIMARY KEY (group_id, user_id)
      )`);
    await q.query(`CREATE INDEX user_group_members_user_idx ON user_group_members (user_id)`);
    await q.query(`
      CREATE TABLE role_assignments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
        role_id uuid NOT NULL REFERENCES access_roles(id) ON DELETE CASCADE,
        principal_type varchar(10) NOT NULL CHECK (principal_type IN ('user', 'group')),
        principal_id uuid NOT NULL,
        context_type varchar(20) NOT NULL DEFAULT 'tenant' CHECK (context_type IN ('tenant', 'program', 'task')),
        context_id uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((context_type = 'tenant') = (context_id IS NULL))
      )`);
    await q.query(
      `CREATE UNIQUE INDEX role_assignments_unique ON role_assignments (tenant_id, role_id, principal_type, principal_id, context_type, coalesce(context_id, '00000000-0000-0000-0000-000000000000'))`,
    );
    await q.query(`CREATE INDEX role_assignments_principal_idx ON role_assignments (principal_id)`);

    await q.query(`
      CREATE TABLE password_reset_tokens (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        token_hash char(64) NOT NULL UNIQUE,
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);

    await q.query(`
      CREATE TABLE oauth_clients (
        id varchar(100) PRIMARY KEY,
        tenant_id uuid REFERENCES tenants(id) ON DELETE CASCADE,
        name varchar(200) NOT NULL,
        secret_hash text,
        metadata jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE oidc_payloads (
        id varchar(200) NOT NULL,
        type varchar(50) NOT NULL,
        payload jsonb NOT NULL,
        grant_id varchar(200),
        user_code varchar(200),
        uid varchar(200),
        expires_at timestamptz,
        consumed_at timestamptz,
        PRIMARY KEY (type, id)
      )`);
    await q.query(
      `CREATE INDEX oidc_payloads_grant_idx ON oidc_payloads (grant_id) WHERE grant_id IS NOT NULL`,
    );
    await q.query(`CREATE INDEX oidc_payloads_uid_idx ON oidc_payloads (uid) WHERE uid IS NOT NULL`);
    await q.query(`CREATE INDEX oidc_payloads_expiry_idx ON oidc_payloads (expires_at)`);
    await q.query(`
      CREATE TABLE oauth_signing_keys (
        kid varchar(100) PRIMARY KEY,
        alg varchar(20) NOT NULL,
        private_jwk_encrypted text NOT NULL,
        status varchar(10) NOT NULL CHECK (status IN ('active', 'retired')),
        created_at timestamptz NOT NULL DEFAULT now(),
        retired_at timestamptz
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'oauth_signing_keys',
      'oidc_payloads',
      'oauth_clients',
      'password_reset_tokens',
      'role_assignments',
      'user_group_members',
      'user_groups',
      'access_permissions',
      'access_roles',
      'users',
      'tenants',
    ]) {
      await q.query(`DROP TABLE IF EXISTS ${table}`);
    }
  }
}
