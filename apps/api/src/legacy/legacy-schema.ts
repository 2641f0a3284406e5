/**
 * The legacy Oversing schema (Laravel 4.2 on MySQL) as far as the import reads it: the tables the
 * specification lists as "preserved from the current system" (application instances and their users,
 * programs, tasks with assignments and dependencies, workflows with states, transitions, instances and
 * votes, work logs, time cards, contracts, invoices with lines and payments) plus the client organisations
 * contracts are made with and the application's audit log.
 *
 * Laravel 4.2 conventions: `increments` ids (INT UNSIGNED), `timestamps()` as TIMESTAMP columns (stored in
 * UTC by MySQL, read here with the session time zone set to UTC), soft deletes (`deleted_at`), money as
 * DECIMAL in major units, booleans as TINYINT(1). Dates and times the application wrote itself
 * (`completed_at`, `submitted_at`, `issued_at`, …) are DATETIME wall-clock values in the time zone of the
 * application instance (`application_instances.timezone`), as `date_default_timezone_set` left them.
 */
export const LEGACY_SCHEMA: readonly string[] = [
  `CREATE TABLE application_instances (
    id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
    name VARCHAR(255) NOT NULL,
    slug VARCHAR(100) NOT NULL UNIQUE,
    timezone VARCHAR(64) NOT NULL DEFAULT 'UTC',
    default_currency CHAR(3) NOT NULL DEFAULT 'EUR',
    created_at TIMESTAMP NULL DEFAULT NULL,
    updated_at TIMESTAMP NULL DEFAULT NULL
  ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
  `CREATE TABLE users (
    id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
    email VARCHAR(255) NOT NULL UNIQUE,
    name VARCHAR(255) NOT NULL,
    password VARCHAR(60) NOT NULL,
    remember_token VARCHAR(100) NULL,
    timezone VARCHAR(64) NULL,
    is_active TINYINT(1) NOT NULL DEFAULT 1,
    created_at TIMESTAMP NULL DEFAULT NULL,
    updated_at TIMESTAMP NULL DEFAULT NULL,
    deleted_at TIMESTAMP NULL DEFAULT NULL,
    KEY users_updated_at_index (updated_at)
  ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
  `CREATE TABLE application_instance_users (
    id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
    application_instance_id INT UNSIGNED NOT NULL,
    user_id INT UNSIGNED NOT NULL,
    role VARCHAR(32) NOT NULL DEFAULT 'member',
    created_at TIMESTAMP NULL DEFAULT NULL,
    updated_at TIMESTAMP NULL DEFAULT NULL,
    UNIQUE KEY application_instance_users_unique (application_instance_id, user_id),
    KEY application_instance_users_user_id_index (user_id)
  ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
  `CREATE TABLE organisations (
    id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
    application_instance_id INT UNSIGNED NOT NULL,
    name VARCHAR(255) NOT NULL,
    vat_number VARCHAR(32) NULL,
    created_at TIMESTAMP NULL DEFAULT NULL,
    updated_at TIMESTAMP NULL DEFAULT NULL,
    deleted_at TIMESTAMP NULL DEFAULT NULL,
    KEY organisations_instance_index (application_instance_id)
  ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
  `CREATE TABLE programs (
    id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
    application_instance_id INT UNSIGNED NOT NULL,
    parent_id INT UNSIGNED NULL,
    name VARCHAR(255) NOT NULL,
    description TEXT NULL,
    status VARCHAR(20) NOT NULL DEFAULT 'active',
    created_at TIMESTAMP NULL DEFAULT NULL,
    updated_at TIMESTAMP NULL DEFAULT NULL,
    deleted_at TIMESTAMP NULL DEFAULT NULL,
    KEY programs_instance_index (application_instance_id, id)
  ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
  `CREATE TABLE contracts (
    id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
    application_instance_id INT UNSIGNED NOT NULL,
    program_id INT UNSIGNED NOT NULL,
    organisation_id INT UNSIGNED NOT NULL,
    currency CHAR(3) NOT NULL,
    hourly_rate DECIMAL(12,2) NOT NULL,
    cap_amount DECIMAL(14,2) NULL,
    created_at TIMESTAMP NULL DEFAULT NULL,
    updated_at TIMESTAMP NULL DEFAULT NULL,
    KEY contracts_instance_index (application_instance_id, id)
  ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
  `CREATE TABLE workflows (
    id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
    application_instance_id INT UNSIGNED NOT NULL,
    name VARCHAR(200) NOT NULL,
    description TEXT NULL,
    is_default TINYINT(1) NOT NULL DEFAULT 0,
    created_at TIMESTAMP NULL DEFAULT NULL,
    updated_at TIMESTAMP NULL DEFAULT NULL
  ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
  `CREATE TABLE workflow_states (
    id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
    workflow_id INT UNSIGNED NOT NULL,
    \`key\` VARCHAR(50) NOT NULL,
    name VARCHAR(100) NOT NULL,
    category VARCHAR(20) NOT NULL,
    sort_order INT NOT NULL DEFAULT 0,
    is_initial TINYINT(1) NOT NULL DEFAULT 0,
    created_at TIMESTAMP NULL DEFAULT NULL,
    updated_at TIMESTAMP NULL DEFAULT NULL,
    KEY workflow_states_workflow_index (workflow_id)
  ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
  `CREATE TABLE workflow_transitions (
    id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
    workflow_id INT UNSIGNED NOT NULL,
    from_state_id INT UNSIGNED NOT NULL,
    to_state_id INT UNSIGNED NOT NULL,
    name VARCHAR(100) NOT NULL,
    approvals_required INT UNSIGNED NOT NULL DEFAULT 0,
    created_at TIMESTAMP NULL DEFAULT NULL,
    updated_at TIMESTAMP NULL DEFAULT NULL,
    KEY workflow_transitions_workflow_index (workflow_id)
  ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
  `CREATE TABLE tasks (
    id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
    application_instance_id INT UNSIGNED NOT NULL,
    program_id INT UNSIGNED NOT NULL,
    title VARCHAR(255) NOT NULL,
    description TEXT NULL,
    status VARCHAR(20) NOT NULL DEFAULT 'open',
    priority TINYINT UNSIGNED NOT NULL DEFAULT 3,
    due_date DATE NULL,
    estimate_hours DECIMAL(6,2) NULL,
    completed_at DATETIME NULL,
    created_at TIMESTAMP NULL DEFAULT NULL,
    updated_at TIMESTAMP NULL DEFAULT NULL,
    deleted_at TIMESTAMP NULL DEFAULT NULL,
    KEY tasks_instance_index (application_instance_id, id),
    KEY tasks_program_index (program_id),
    KEY tasks_updated_at_index (updated_at)
  ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
  `CREATE TABLE task_assignments (
    id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
    task_id INT UNSIGNED NOT NULL,
    user_id INT UNSIGNED NOT NULL,
    role VARCHAR(20) NOT NULL DEFAULT 'owner',
    created_at TIMESTAMP NULL DEFAULT NULL,
    updated_at TIMESTAMP NULL DEFAULT NULL,
    KEY task_assignments_task_index (task_id)
  ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
  `CREATE TABLE task_dependencies (
    id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
    task_id INT UNSIGNED NOT NULL,
    depends_on_task_id INT UNSIGNED NOT NULL,
    type VARCHAR(30) NOT NULL DEFAULT 'finish_to_start',
    created_at TIMESTAMP NULL DEFAULT NULL,
    updated_at TIMESTAMP NULL DEFAULT NULL,
    KEY task_dependencies_task_index (task_id)
  ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
  `CREATE TABLE workflow_instances (
    id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
    workflow_id INT UNSIGNED NOT NULL,
    task_id INT UNSIGNED NOT NULL UNIQUE,
    current_state_id INT UNSIGNED NOT NULL,
    round INT UNSIGNED NOT NULL DEFAULT 1,
    created_at TIMESTAMP NULL DEFAULT NULL,
    updated_at TIMESTAMP NULL DEFAULT NULL
  ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
  `CREATE TABLE workflow_instance_votes (
    id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
    workflow_instance_id INT UNSIGNED NOT NULL,
    workflow_transition_id INT UNSIGNED NOT NULL,
    round INT UNSIGNED NOT NULL,
    user_id INT UNSIGNED NOT NULL,
    decision VARCHAR(10) NOT NULL,
    comment TEXT NULL,
    created_at TIMESTAMP NULL DEFAULT NULL,
    updated_at TIMESTAMP NULL DEFAULT NULL,
    KEY workflow_instance_votes_instance_index (workflow_instance_id)
  ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
  `CREATE TABLE time_cards (
    id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
    application_instance_id INT UNSIGNED NOT NULL,
    user_id INT UNSIGNED NOT NULL,
    week_start DATE NOT NULL,
    status VARCHAR(10) NOT NULL DEFAULT 'draft',
    submitted_at DATETIME NULL,
    approved_at DATETIME NULL,
    approved_by INT UNSIGNED NULL,
    rejection_reason TEXT NULL,
    created_at TIMESTAMP NULL DEFAULT NULL,
    updated_at TIMESTAMP NULL DEFAULT NULL,
    UNIQUE KEY time_cards_user_week_unique (user_id, week_start),
    KEY time_cards_instance_index (application_instance_id, id)
  ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
  `CREATE TABLE invoices (
    id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
    application_instance_id INT UNSIGNED NOT NULL,
    contract_id INT UNSIGNED NOT NULL,
    number VARCHAR(32) NULL,
    status VARCHAR(10) NOT NULL DEFAULT 'draft',
    currency CHAR(3) NOT NULL,
    period_start DATE NOT NULL,
    period_end DATE NOT NULL,
    tax_rate DECIMAL(5,2) NOT NULL DEFAULT 0,
    subtotal DECIMAL(14,2) NOT NULL,
    tax DECIMAL(14,2) NOT NULL,
    total DECIMAL(14,2) NOT NULL,
    notes TEXT NULL,
    issued_at DATETIME NULL,
    voided_at DATETIME NULL,
    created_at TIMESTAMP NULL DEFAULT NULL,
    updated_at TIMESTAMP NULL DEFAULT NULL,
    KEY invoices_instance_index (application_instance_id, id)
  ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
  `CREATE TABLE work_logs (
    id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
    application_instance_id INT UNSIGNED NOT NULL,
    user_id INT UNSIGNED NOT NULL,
    task_id INT UNSIGNED NOT NULL,
    time_card_id INT UNSIGNED NULL,
    invoice_id INT UNSIGNED NULL,
    work_date DATE NOT NULL,
    hours DECIMAL(6,2) NOT NULL,
    billable TINYINT(1) NOT NULL DEFAULT 1,
    rate DECIMAL(12,2) NOT NULL DEFAULT 0,
    currency CHAR(3) NOT NULL,
    description TEXT NULL,
    created_at TIMESTAMP NULL DEFAULT NULL,
    updated_at TIMESTAMP NULL DEFAULT NULL,
    deleted_at TIMESTAMP NULL DEFAULT NULL,
    KEY work_logs_instance_index (application_instance_id, id),
    KEY work_logs_task_index (task_id)
  ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
  `CREATE TABLE invoice_lines (
    id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
    invoice_id INT UNSIGNED NOT NULL,
    position INT UNSIGNED NOT NULL,
    work_log_id INT UNSIGNED NULL,
    description VARCHAR(500) NOT NULL,
    hours DECIMAL(6,2) NULL,
    unit_price DECIMAL(12,2) NULL,
    amount DECIMAL(14,2) NOT NULL,
    created_at TIMESTAMP NULL DEFAULT NULL,
    updated_at TIMESTAMP NULL DEFAULT NULL,
    KEY invoice_lines_invoice_index (invoice_id)
  ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
  `CREATE TABLE payments (
    id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
    invoice_id INT UNSIGNED NOT NULL,
    amount DECIMAL(14,2) NOT NULL,
    paid_on DATE NOT NULL,
    reference VARCHAR(200) NULL,
    created_at TIMESTAMP NULL DEFAULT NULL,
    updated_at TIMESTAMP NULL DEFAULT NULL,
    KEY payments_invoice_index (invoice_id)
  ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
  `CREATE TABLE audit_logs (
    id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
    application_instance_id INT UNSIGNED NOT NULL,
    user_id INT UNSIGNED NULL,
    auditable_type VARCHAR(100) NOT NULL,
    auditable_id INT UNSIGNED NOT NULL,
    event VARCHAR(32) NOT NULL,
    old_values TEXT NULL,
    new_values TEXT NULL,
    ip_address VARCHAR(45) NULL,
    user_agent VARCHAR(255) NULL,
    created_at TIMESTAMP NULL DEFAULT NULL,
    KEY audit_logs_instance_index (application_instance_id, id)
  ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
];

/** Every legacy table, parents before children (the generator drops them in reverse). */
export const LEGACY_TABLES = LEGACY_SCHEMA.map((ddl) => /CREATE TABLE (\w+)/.exec(ddl)![1]);
