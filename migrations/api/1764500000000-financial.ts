import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Money: every amount is a bigint of minor units with its ISO 4217 currency; exchange rates are exact
 * fractions (numerator / denominator) valid from a date. Invoices are numbered gap-free per tenant and
 * year from a counter row locked in the issuing transaction; drafts have no number.
 */
export class Financial1764500000000 implements MigrationInterface {
  name = 'Financial1764500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE exchange_rates (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
        base_currency char(3) NOT NULL,
        quote_currency char(3) NOT NULL,
        rate_date date NOT NULL,
        numerator bigint NOT NULL CHECK (numerator > 0),
        denominator bigint NOT NULL CHECK (denominator > 0),
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        UNIQUE (tenant_id, base_currency, quote_currency, rate_date),
        CHECK (base_currency <> quote_currency)
      )`);

    await q.query(`
      CREATE TABLE contracts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
        program_id uuid NOT NULL REFERENCES programs(id) ON DELETE RESTRICT,
        client_name varchar(200) NOT NULL,
        currency char(3) NOT NULL,
        hourly_rate_minor bigint NOT NULL CHECK (hourly_rate_minor >= 0),
        cap_minor bigint CHECK (cap_minor >= 0),
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX contracts_tenant_idx ON contracts (tenant_id, created_at, id)`);

    await q.query(`
      CREATE TABLE budgets (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
        program_id uuid NOT NULL REFERENCES programs(id) ON DELETE RESTRICT,
        planned_minor bigint NOT NULL CHECK (planned_minor >= 0),
        currency char(3) NOT NULL,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        UNIQUE (tenant_id, program_id)
      )`);

    await q.query(`
      CREATE TABLE invoice_counters (
        tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
        year integer NOT NULL,
        last_number integer NOT NULL,
        PRIMARY KEY (tenant_id, year)
      )`);

    await q.query(`
      CREATE TABLE invoices (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
        contract_id uuid NOT NULL REFERENCES contracts(id) ON DELETE RESTRICT,
        number varchar(20),
        status varchar(10) NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'issued', 'paid', 'void')),
        currency char(3) NOT NULL,
        period_from date NOT NULL,
        period_to date NOT NULL,
        tax_rate_bp integer NOT NULL CHECK (tax_rate_bp BETWEEN 0 AND 100000),
        subtotal_minor bigint NOT NULL,
        tax_minor bigint NOT NULL,
        total_minor bigint NOT NULL,
        paid_minor bigint NOT NULL DEFAULT 0,
        notes text NOT NULL DEFAULT '',
        issued_at timestamptz,
        voided_at timestamptz,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        UNIQUE (tenant_id, number),
        CHECK ((status = 'draft') = (number IS NULL) OR status = 'void'),
        CHECK (total_minor = subtotal_minor + tax_minor),
        CHECK (paid_minor BETWEEN 0 AND total_minor)
      )`);
    await q.query(`CREATE INDEX invoices_tenant_idx ON invoices (tenant_id, created_at, id)`);

    await q.query(`
      CREATE TABLE invoice_lines (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
        invoice_id uuid NOT NULL REFERENCES invoices(id) ON DELETE CASCADE,
        position integer NOT NULL,
        kind varchar(10) NOT NULL CHECK (kind IN ('time', 'expense')),
        source_id uuid NOT NULL,
        description text NOT NULL,
        quantity_minutes integer,
        unit_price_minor bigint,
        amount_minor bigint NOT NULL,
        UNIQUE (invoice_id, position)
      )`);

    await q.query(`
      CREATE TABLE expenses (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
        program_id uuid NOT NULL REFERENCES programs(id) ON DELETE RESTRICT,
        user_id uuid REFERENCES users(id) ON DELETE SET NULL,
        expense_date date NOT NULL,
        amount_minor bigint NOT NULL CHECK (amount_minor > 0),
        currency char(3) NOT NULL,
        description text NOT NULL,
        billable boolean NOT NULL DEFAULT true,
        status varchar(10) NOT NULL DEFAULT 'submitted' CHECK (status IN ('submitted', 'approved', 'rejected')),
        invoice_id uuid REFERENCES invoices(id) ON DELETE SET NULL,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX expenses_program_idx ON expenses (tenant_id, program_id, expense_date)`);

    await q.query(`
      CREATE TABLE payments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
        invoice_id uuid NOT NULL REFERENCES invoices(id) ON DELETE RESTRICT,
        amount_minor bigint NOT NULL CHECK (amount_minor > 0),
        paid_on date NOT NULL,
        reference varchar(200) NOT NULL DEFAULT '',
        created_at timestamptz(3) NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX payments_invoice_idx ON payments (invoice_id)`);

    await q.query(
      `ALTER TABLE work_logs ADD COLUMN invoice_id uuid REFERENCES invoices(id) ON DELETE SET NULL`,
    );
    await q.query(`CREATE INDEX work_logs_invoice_idx ON work_logs (invoice_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE work_logs DROP COLUMN IF EXISTS invoice_id`);
    for (const table of [
      'payments',
      'expenses',
      'invoice_lines',
      'invoices',
      'invoice_counters',
      'budgets',
      'contracts',
      'exchange_rates',
    ])
      await q.query(`DROP TABLE IF EXISTS ${table}`);
  }
}
