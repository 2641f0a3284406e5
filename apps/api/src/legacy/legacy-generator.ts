import { hash as bcryptHash } from '@node-rs/bcrypt';
import type { Connection } from 'mysql2/promise';
import { exponentOf, formatMinor, divideHalfEven } from '../financial/money';
import { isoWeekOf } from '../time/iso-week';
import { LEGACY_SCHEMA, LEGACY_TABLES } from './legacy-schema';
import { connectLegacy, LegacyLocation } from './mysql-connection';

export interface GenerateOptions {
  /** how many tasks (everything else scales with it) */
  tasks: number;
  seed: number;
  /** the password every generated user has (each with its own salt), as the legacy system hashed it */
  password: string;
  /** bcrypt cost of the generated hashes (Laravel's default is 10) */
  bcryptCost: number;
  /** the legacy instance's time zone: its DATETIME columns hold wall-clock times there */
  timezone: string;
  /** the last day of generated history (YYYY-MM-DD); history spans the two years before it */
  until: string;
  /** rows with a broken reference (a dependency on a task that does not exist, …), for the report */
  broken: number;
  /** domain of the generated users' emails (user1@DOMAIN, …) */
  emailDomain: string;
}

export const DEFAULT_GENERATE_OPTIONS: GenerateOptions = {
  tasks: 200,
  seed: 42,
  password: 'legacy-password',
  bcryptCost: 10,
  timezone: 'Europe/Berlin',
  until: '2025-12-31',
  broken: 0,
  emailDomain: 'legacy.test',
};

export interface GenerateSummary {
  database: string;
  instance: { id: number; slug: string; timezone: string };
  rows: Record<string, number>;
  /** one user per role, for signing in with `password` */
  sample_users: { email: string; role: string }[];
}

/** mulberry32: a small, fast, seedable PRNG (same seed, same database). */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = (
  'api audit backlog billing board budget cache catalog checkout client cloud compliance contract dashboard ' +
  'data deploy design docs export feature finance gateway import index invoice launch ledger login mobile ' +
  'onboarding payment pipeline portal pricing privacy queue release report review search security session ' +
  'signup storage support sync tax timesheet tracking upload vendor website workflow'
).split(' ');
const VERBS = 'Build Fix Review Migrate Document Test Design Refactor Plan Deploy Audit Update'.split(' ');
const FIRST =
  'Ada Alan Barbara Carl Dana Edsger Frances Grace Hedy Ivan Joan Ken Linus Margaret Niklaus Olga'.split(' ');
const LAST =
  'Lovelace Turing Liskov Sagan Scott Dijkstra Allen Hopper Lamarr Sutherland Clarke Thompson'.split(' ');
const CLIENTS =
  'Northwind Contoso Initech Umbrella Globex Hooli Stark Wayne Tyrell Cyberdyne Aperture Soylent'.split(' ');

const DAY = 86_400_000;

function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** "YYYY-MM-DD HH:MM:SS" in UTC (TIMESTAMP columns, written with the session time zone at UTC). */
function utcText(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
}

/** "YYYY-MM-DD HH:MM:SS" wall-clock time in `zone` (DATETIME columns written by the PHP application). */
function zonedText(ms: number, zone: string): string {
  const parts: Record<string, string> = {};
  for (const p of new Intl.DateTimeFormat('en-CA', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(ms)))
    parts[p.type] = p.value;
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}:${parts.second}`;
}

/** Minor units as the DECIMAL(…,2) text MySQL stores (JPY 1500 → "1500.00"). */
function decimalText(minor: bigint, currency: string): string {
  const exponent = exponentOf(currency);
  const major = formatMinor(minor, currency);
  if (exponent >= 2) return major;
  return exponent === 0 ? `${major}.00` : `${major}0`;
}

type Row = (string | number | null)[];

class Table {
  readonly rows: Row[] = [];
  constructor(
    readonly name: string,
    readonly columns: string[],
  ) {}
  /** Appends a row and returns its id (ids are 1-based insertion order, as AUTO_INCREMENT gives them). */
  add(row: Row): number {
    this.rows.push(row);
    return this.rows.length;
  }
}

/**
 * Creates (or recreates) a legacy Oversing database and fills it with a coherent, seedable history: one
 * application instance with users, client organisations, programs, contracts, two workflows, tasks with
 * owners, contributors, dependencies and workflow instances with votes, weekly time cards with work logs,
 * monthly invoices with lines and payments, and the audit log. Same seed, same rows (bcrypt salts too).
 */
export async function generateLegacyDatabase(
  location: LegacyLocation,
  options: GenerateOptions,
): Promise<GenerateSummary> {
  const random = prng(options.seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const chance = (p: number): boolean => random() < p;
  const between = (lo: number, hi: number): number => lo + Math.floor(random() * (hi - lo + 1));
  const zone = options.timezone;
  const end = Date.parse(`${options.until}T18:00:00Z`);
  const start = end - 730 * DAY;
  const at = (ms: number): number => Math.floor(ms / 1000) * 1000;

  const t = {
    instances: new Table('application_instances', [
      'name',
      'slug',
      'timezone',
      'default_currency',
      'created_at',
      'updated_at',
    ]),
    users: new Table('users', [
      'email',
      'name',
      'password',
      'timezone',
      'is_active',
      'created_at',
      'updated_at',
      'deleted_at',
    ]),
    members: new Table('application_instance_users', [
      'application_instance_id',
      'user_id',
      'role',
      'created_at',
      'updated_at',
    ]),
    organisations: new Table('organisations', [
      'application_instance_id',
      'name',
      'vat_number',
      'created_at',
      'updated_at',
    ]),
    programs: new Table('programs', [
      'application_instance_id',
      'parent_id',
      'name',
      'description',
      'status',
      'created_at',
      'updated_at',
      'deleted_at',
    ]),
    contracts: new Table('contracts', [
      'application_instance_id',
      'program_id',
      'organisation_id',
      'currency',
      'hourly_rate',
      'cap_amount',
      'created_at',
      'updated_at',
    ]),
    workflows: new Table('workflows', [
      'application_instance_id',
      'name',
      'description',
      'is_default',
      'created_at',
      'updated_at',
    ]),
    states: new Table('workflow_states', [
      'workflow_id',
      'key',
      'name',
      'category',
      'sort_order',
      'is_initial',
      'created_at',
      'updated_at',
    ]),
    transitions: new Table('workflow_transitions', [
      'workflow_id',
      'from_state_id',
      'to_state_id',
      'name',
      'approvals_required',
      'created_at',
      'updated_at',
    ]),
    tasks: new Table('tasks', [
      'application_instance_id',
      'program_id',
      'title',
      'description',
      'status',
      'priority',
      'due_date',
      'estimate_hours',
      'completed_at',
      'created_at',
      'updated_at',
      'deleted_at',
    ]),
    assignments: new Table('task_assignments', ['task_id', 'user_id', 'role', 'created_at', 'updated_at']),
    dependencies: new Table('task_dependencies', [
      'task_id',
      'depends_on_task_id',
      'type',
      'created_at',
      'updated_at',
    ]),
    instances_: new Table('workflow_instances', [
      'workflow_id',
      'task_id',
      'current_state_id',
      'round',
      'created_at',
      'updated_at',
    ]),
    votes: new Table('workflow_instance_votes', [
      'workflow_instance_id',
      'workflow_transition_id',
      'round',
      'user_id',
      'decision',
      'comment',
      'created_at',
      'updated_at',
    ]),
    timeCards: new Table('time_cards', [
      'application_instance_id',
      'user_id',
      'week_start',
      'status',
      'submitted_at',
      'approved_at',
      'approved_by',
      'rejection_reason',
      'created_at',
      'updated_at',
    ]),
    invoices: new Table('invoices', [
      'application_instance_id',
      'contract_id',
      'number',
      'status',
      'currency',
      'period_start',
      'period_end',
      'tax_rate',
      'subtotal',
      'tax',
      'total',
      'notes',
      'issued_at',
      'voided_at',
      'created_at',
      'updated_at',
    ]),
    workLogs: new Table('work_logs', [
      'application_instance_id',
      'user_id',
      'task_id',
      'time_card_id',
      'invoice_id',
      'work_date',
      'hours',
      'billable',
      'rate',
      'currency',
      'description',
      'created_at',
      'updated_at',
    ]),
    lines: new Table('invoice_lines', [
      'invoice_id',
      'position',
      'work_log_id',
      'description',
      'hours',
      'unit_price',
      'amount',
      'created_at',
      'updated_at',
    ]),
    payments: new Table('payments', [
      'invoice_id',
      'amount',
      'paid_on',
      'reference',
      'created_at',
      'updated_at',
    ]),
    auditLogs: new Table('audit_logs', [
      'application_instance_id',
      'user_id',
      'auditable_type',
      'auditable_id',
      'event',
      'old_values',
      'new_values',
      'ip_address',
      'user_agent',
      'created_at',
    ]),
  };

  // The instance ("organisation" of the legacy multi-tenancy) and its people.
  const instanceId = t.instances.add([
    'Acme Engineering',
    'acme',
    zone,
    'EUR',
    utcText(start),
    utcText(start),
  ]);
  const userCount = Math.max(6, Math.ceil(options.tasks / 1000));
  const roles = ['admin', 'manager', 'member', 'compliance', 'viewer'];
  const userIds: number[] = [];
  const managers: number[] = [];
  const salts: Buffer[] = [];
  for (let i = 1; i <= userCount; i++) {
    const role = i <= roles.length ? roles[i - 1] : chance(0.1) ? 'manager' : 'member';
    const created = at(start + random() * 60 * DAY);
    // a few former colleagues: deactivated or soft-deleted, still the authors of their history
    const gone = i > roles.length && chance(0.04);
    const id = t.users.add([
      `user${i}@${options.emailDomain}`,
      `${pick(FIRST)} ${pick(LAST)}`,
      '',
      chance(0.3) ? 'Europe/London' : null,
      gone && chance(0.5) ? 0 : 1,
      utcText(created),
      utcText(created),
      gone && chance(0.5) ? utcText(end - between(1, 200) * DAY) : null,
    ]);
    salts.push(Buffer.from(Array.from({ length: 16 }, () => Math.floor(random() * 256))));
    t.members.add([instanceId, id, role, utcText(created), utcText(created)]);
    userIds.push(id);
    if (role === 'manager' || role === 'admin') managers.push(id);
  }
  const workers = userIds.filter((id) => t.users.rows[id - 1][4] === 1 && t.users.rows[id - 1][7] === null);

  const organisationIds: number[] = [];
  for (let i = 0; i < Math.max(2, Math.ceil(options.tasks / 2000)); i++)
    organisationIds.push(
      t.organisations.add([
        instanceId,
        `${CLIENTS[i % CLIENTS.length]}${i >= CLIENTS.length ? ` ${Math.floor(i / CLIENTS.length) + 1}` : ''} Ltd`,
        chance(0.7) ? `GB${between(100000000, 999999999)}` : null,
        utcText(start),
        utcText(start),
      ]),
    );

  // Two workflows: the default delivery workflow with a reviewed step, and a plain one.
  const wfCreated = utcText(start);
  const delivery = t.workflows.add([
    instanceId,
    'Delivery',
    'Backlog to done with a reviewed step',
    1,
    wfCreated,
    wfCreated,
  ]);
  const stateDefs: [string, string, string][] = [
    ['backlog', 'Backlog', 'todo'],
    ['doing', 'In progress', 'in_progress'],
    ['blocked', 'Blocked', 'blocked'],
    ['review', 'In review', 'in_progress'],
    ['done', 'Done', 'done'],
    ['cancelled', 'Cancelled', 'cancelled'],
  ];
  const state: Record<string, number> = {};
  stateDefs.forEach(([key, name, category], i) => {
    state[key] = t.states.add([delivery, key, name, category, i + 1, i === 0 ? 1 : 0, wfCreated, wfCreated]);
  });
  const transition: Record<string, number> = {};
  for (const [from, to, name, approvals] of [
    ['backlog', 'doing', 'Start', 0],
    ['doing', 'blocked', 'Block', 0],
    ['blocked', 'doing', 'Unblock', 0],
    ['doing', 'review', 'Request review', 0],
    ['review', 'doing', 'Rework', 0],
    ['review', 'done', 'Approve', 1],
    ['backlog', 'cancelled', 'Cancel', 0],
    ['doing', 'cancelled', 'Cancel', 0],
  ] as const)
    transition[`${from}>${to}`] = t.transitions.add([
      delivery,
      state[from],
      state[to],
      name,
      approvals,
      wfCreated,
      wfCreated,
    ]);
  const simple = t.workflows.add([instanceId, 'Simple', 'To do and done', 0, wfCreated, wfCreated]);
  const simpleTodo = t.states.add([simple, 'todo', 'To do', 'todo', 1, 1, wfCreated, wfCreated]);
  const simpleDone = t.states.add([simple, 'done', 'Done', 'done', 2, 0, wfCreated, wfCreated]);
  t.transitions.add([simple, simpleTodo, simpleDone, 'Finish', 0, wfCreated, wfCreated]);

  // Programs (a tenth are sub-programs), half of them billed to a client under a contract.
  const programCount = Math.max(3, Math.ceil(options.tasks / 100));
  const contractOf = new Map<number, { id: number; currency: string; rateMinor: bigint }>();
  for (let i = 1; i <= programCount; i++) {
    const created = at(start + random() * 300 * DAY);
    const parent = i > 3 && chance(0.1) ? between(1, i - 1) : null;
    const status = chance(0.85) ? 'active' : pick(['on_hold', 'closed', 'archived']);
    const id = t.programs.add([
      instanceId,
      parent,
      `${pick(WORDS)[0].toUpperCase()}${pick(WORDS).slice(1)} ${pick(WORDS)} ${i}`,
      chance(0.8) ? `The ${pick(WORDS)} and ${pick(WORDS)} programme` : null,
      status,
      utcText(created),
      utcText(created),
      null,
    ]);
    if (chance(0.5)) {
      const currency = chance(0.7) ? 'EUR' : pick(['USD', 'GBP', 'JPY']);
      const rateMinor =
        currency === 'JPY' ? BigInt(between(80, 200) * 100) : BigInt(between(60, 180) * 100 + pick([0, 50]));
      const cap = chance(0.3) ? rateMinor * BigInt(between(500, 5000)) : null;
      const contractId = t.contracts.add([
        instanceId,
        id,
        pick(organisationIds),
        currency,
        decimalText(rateMinor, currency),
        cap === null ? null : decimalText(cap, currency),
        utcText(created),
        utcText(created),
      ]);
      contractOf.set(id, { id: contractId, currency, rateMinor });
    }
  }

  // Tasks with their owner, contributors, dependencies, workflow instance, votes and audit trail.
  const tasksOfProgram = new Map<number, number[]>();
  const taskInfo: { id: number; program: number; created: number; status: string; owner: number | null }[] =
    [];
  const deletedTasks = new Set<number>();
  const statusFor: Record<string, [string, number]> = {
    backlog: ['open', state.backlog],
    doing: ['in_progress', state.doing],
    blocked: ['blocked', state.blocked],
    review: ['in_progress', state.review],
    done: ['completed', state.done],
    cancelled: ['cancelled', state.cancelled],
  };
  for (let i = 1; i <= options.tasks; i++) {
    const program = between(1, programCount);
    const created = at(start + 30 * DAY + random() * 680 * DAY);
    const stateKey =
      created > end - 30 * DAY
        ? pick(['backlog', 'backlog', 'doing', 'review'])
        : pick(['done', 'done', 'done', 'done', 'doing', 'review', 'blocked', 'backlog', 'cancelled']);
    const [status, stateId] = statusFor[stateKey];
    const updated = Math.min(end, at(created + random() * 40 * DAY));
    const deleted = chance(0.005);
    const id = t.tasks.add([
      instanceId,
      program,
      `${pick(VERBS)} ${pick(WORDS)} ${pick(WORDS)}`,
      chance(0.7)
        ? `As discussed: ${pick(WORDS)} ${pick(WORDS)} for the ${pick(WORDS)} ${pick(WORDS)}.`
        : null,
      status,
      between(1, 5),
      chance(0.6) ? isoDate(created + between(3, 90) * DAY) : null,
      chance(0.5) ? pick(['0.50', '1.00', '2.00', '4.00', '8.00', '16.00', '1.25']) : null,
      status === 'completed' ? zonedText(updated, zone) : null,
      utcText(created),
      utcText(updated),
      deleted ? utcText(Math.min(end, updated + DAY)) : null,
    ]);
    if (deleted) deletedTasks.add(id);
    const owner = chance(0.85) ? pick(workers) : null;
    if (owner) t.assignments.add([id, owner, 'owner', utcText(created), utcText(created)]);
    if (chance(0.2)) {
      const contributor = pick(workers);
      if (contributor !== owner)
        t.assignments.add([
          id,
          contributor,
          pick(['contributor', 'reviewer']),
          utcText(created),
          utcText(created),
        ]);
    }
    const siblings = tasksOfProgram.get(program) ?? [];
    if (siblings.length && chance(0.25)) {
      const blocker = pick(siblings);
      t.dependencies.add([id, blocker, 'finish_to_start', utcText(created), utcText(created)]);
    }
    siblings.push(id);
    tasksOfProgram.set(program, siblings);
    if (chance(0.9)) {
      const round = stateKey === 'backlog' ? 1 : between(2, 4);
      const instance = t.instances_.add([delivery, id, stateId, round, utcText(created), utcText(updated)]);
      if (stateKey === 'review' || stateKey === 'done') {
        const voter = pick(managers);
        const voteRound = stateKey === 'review' ? round : round - 1;
        t.votes.add([
          instance,
          transition['review>done'],
          voteRound,
          voter,
          stateKey === 'done' || chance(0.7) ? 'approve' : 'reject',
          chance(0.5) ? 'Looks good' : null,
          utcText(updated),
          utcText(updated),
        ]);
      }
    }
    if (chance(0.5)) {
      t.auditLogs.add([
        instanceId,
        owner ?? userIds[0],
        'Task',
        id,
        'created',
        null,
        JSON.stringify({ title: t.tasks.rows[id - 1][2], status: 'open' }),
        `10.0.${between(0, 255)}.${between(1, 254)}`,
        'Mozilla/5.0 (Windows NT 6.1) Oversing/4.2',
        utcText(created),
      ]);
      if (status !== 'open')
        t.auditLogs.add([
          instanceId,
          owner ?? userIds[0],
          'Task',
          id,
          'updated',
          JSON.stringify({ status: 'open' }),
          JSON.stringify({ status }),
          `10.0.${between(0, 255)}.${between(1, 254)}`,
          'Mozilla/5.0 (Windows NT 6.1) Oversing/4.2',
          utcText(updated),
        ]);
    }
    taskInfo.push({ id, program, created, status, owner });
  }

  // Work logs on started tasks, filed in the author's weekly time card.
  const cardOf = new Map<string, number>();
  const billable: { log: number; contract: number; date: string; minutes: number; rate: bigint }[] = [];
  for (const task of taskInfo) {
    if (task.status === 'open' || deletedTasks.has(task.id)) continue;
    const contract = contractOf.get(task.program);
    for (let n = between(0, 3); n > 0; n--) {
      const user = task.owner ?? pick(workers);
      const day = Math.min(end - DAY, task.created + between(0, 30) * DAY);
      const date = isoDate(day);
      const week = isoWeekOf(date).weekStart;
      let card = cardOf.get(`${user}:${week}`);
      if (!card) {
        const weekMs = Date.parse(`${week}T00:00:00Z`);
        const old = weekMs < end - 21 * DAY;
        const status = old ? (chance(0.95) ? 'approved' : 'rejected') : pick(['draft', 'submitted']);
        const submitted = status === 'draft' ? null : zonedText(weekMs + 4 * DAY + 16 * 3_600_000, zone);
        const decided =
          status === 'approved' || status === 'rejected'
            ? zonedText(weekMs + 7 * DAY + 10 * 3_600_000, zone)
            : null;
        card = t.timeCards.add([
          instanceId,
          user,
          week,
          status,
          submitted,
          decided,
          decided ? pick(managers) : null,
          status === 'rejected' ? 'Please split the hours per task' : null,
          utcText(weekMs),
          utcText(weekMs + 7 * DAY),
        ]);
        cardOf.set(`${user}:${week}`, card);
      }
      const minutes = pick([15, 30, 45, 60, 90, 120, 180, 240, 360, 480, 6]);
      const isBillable = contract !== undefined && chance(0.8);
      const currency = contract?.currency ?? 'EUR';
      const rate = isBillable ? contract.rateMinor : 0n;
      const log = t.workLogs.add([
        instanceId,
        user,
        task.id,
        card,
        null,
        date,
        (minutes / 60).toFixed(2),
        isBillable ? 1 : 0,
        decimalText(rate, currency),
        currency,
        chance(0.6) ? `${pick(VERBS)} ${pick(WORDS)}` : null,
        utcText(day + 17 * 3_600_000),
        utcText(day + 17 * 3_600_000),
      ]);
      const status = t.timeCards.rows[card - 1][3];
      if (isBillable && status === 'approved')
        billable.push({ log, contract: contract.id, date, minutes, rate });
    }
  }

  // Monthly invoices per contract over its approved billable time; most issued ones are paid.
  const byMonth = new Map<string, typeof billable>();
  for (const item of billable) {
    const key = `${item.contract}:${item.date.slice(0, 7)}`;
    byMonth.set(key, [...(byMonth.get(key) ?? []), item]);
  }
  const yearCounters = new Map<number, number>();
  const contractRows = t.contracts.rows;
  const monthOrder = ([key]: [string, unknown]): string =>
    `${key.split(':')[1]}:${key.split(':')[0].padStart(9, '0')}`;
  for (const [key, items] of [...byMonth].sort((a, b) => (monthOrder(a) < monthOrder(b) ? -1 : 1))) {
    const contractId = Number(key.split(':')[0]);
    const month = key.split(':')[1];
    const currency = String(contractRows[contractId - 1][3]);
    const monthEnd = Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0);
    const issuedMs = monthEnd + 2 * DAY + 9 * 3_600_000;
    const recent = issuedMs > end - 20 * DAY;
    const status =
      issuedMs > end
        ? 'draft'
        : recent
          ? pick(['draft', 'issued'])
          : chance(0.03)
            ? 'void'
            : chance(0.85)
              ? 'paid'
              : 'issued';
    const taxRate = pick(['20.00', '19.00', '0.00', '7.50']);
    const bp = BigInt(Math.round(Number(taxRate) * 100));
    const amounts = items.map((i) => divideHalfEven(BigInt(i.minutes) * i.rate, 60n));
    const subtotal = amounts.reduce((a, b) => a + b, 0n);
    const tax = divideHalfEven(subtotal * bp, 10_000n);
    const total = subtotal + tax;
    let number: string | null = null;
    const issuedAt = status === 'draft' ? null : Math.min(issuedMs, end);
    if (issuedAt !== null) {
      const year = new Date(issuedAt).getUTCFullYear();
      const next = (yearCounters.get(year) ?? 0) + 1;
      yearCounters.set(year, next);
      number = `INV-${year}-${String(next).padStart(4, '0')}`;
    }
    const created = Math.min(issuedMs, end) - DAY;
    const invoice = t.invoices.add([
      instanceId,
      contractId,
      number,
      status,
      currency,
      `${month}-01`,
      isoDate(monthEnd),
      taxRate,
      decimalText(subtotal, currency),
      decimalText(tax, currency),
      decimalText(total, currency),
      chance(0.2) ? 'Payable within 30 days' : null,
      issuedAt === null ? null : zonedText(issuedAt, zone),
      status === 'void' ? zonedText(Math.min(end, issuedAt! + 5 * DAY), zone) : null,
      utcText(created),
      utcText(Math.min(end, (issuedAt ?? created) + DAY)),
    ]);
    items.forEach((item, i) => {
      if (status !== 'void') t.workLogs.rows[item.log - 1][4] = invoice;
      t.lines.add([
        invoice,
        i + 1,
        item.log,
        `Work log ${item.date}`,
        (item.minutes / 60).toFixed(2),
        decimalText(item.rate, currency),
        decimalText(amounts[i], currency),
        utcText(created),
        utcText(created),
      ]);
    });
    if (status === 'paid' || (status === 'issued' && chance(0.3) && total > 1n)) {
      const paidTotal = status === 'paid' ? total : total / 2n;
      const first = status === 'paid' && chance(0.3) && paidTotal > 1n ? paidTotal / 3n : paidTotal;
      const paidOn = isoDate(Math.min(end, issuedAt! + between(5, 40) * DAY));
      t.payments.add([
        invoice,
        decimalText(first, currency),
        paidOn,
        `BANK-${invoice}-1`,
        utcText(created),
        utcText(created),
      ]);
      if (first !== paidTotal)
        t.payments.add([
          invoice,
          decimalText(paidTotal - first, currency),
          paidOn,
          `BANK-${invoice}-2`,
          utcText(created),
          utcText(created),
        ]);
    }
  }

  // Broken references, on request: rows pointing at things that do not exist.
  const missing = 10_000_000;
  for (let i = 0; i < options.broken; i++) {
    const task = taskInfo[i % taskInfo.length];
    switch (i % 3) {
      case 0:
        t.dependencies.add([task.id, missing + i, 'finish_to_start', utcText(end), utcText(end)]);
        break;
      case 1:
        t.assignments.add([task.id, missing + i, 'contributor', utcText(end), utcText(end)]);
        break;
      default:
        t.workLogs.add([
          instanceId,
          missing + i,
          task.id,
          null,
          null,
          isoDate(end),
          '1.00',
          0,
          '0.00',
          'EUR',
          null,
          utcText(end),
          utcText(end),
        ]);
    }
  }

  // Passwords last (the slow part), then everything in one go.
  await Promise.all(
    t.users.rows.map(async (row, i) => {
      row[2] = (await bcryptHash(options.password, options.bcryptCost, salts[i])).replace(/^\$2b\$/, '$2y$');
    }),
  );

  const connection = await connectLegacy(location, false);
  try {
    await connection.query(`DROP DATABASE IF EXISTS \`${location.database}\``);
    await connection.query(
      `CREATE DATABASE \`${location.database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`,
    );
    await connection.query(`USE \`${location.database}\``);
    for (const ddl of LEGACY_SCHEMA) await connection.query(ddl);
    for (const table of Object.values(t)) await insertAll(connection, table);
  } finally {
    await connection.end();
  }
  const rows: Record<string, number> = {};
  for (const table of Object.values(t)) rows[table.name] = table.rows.length;
  return {
    database: location.database,
    instance: { id: instanceId, slug: 'acme', timezone: zone },
    rows: Object.fromEntries(LEGACY_TABLES.map((name) => [name, rows[name] ?? 0])),
    sample_users: roles.map((role, i) => ({ email: `user${i + 1}@${options.emailDomain}`, role })),
  };
}

async function insertAll(connection: Connection, table: Table): Promise<void> {
  const columns = ['id', ...table.columns].map((c) => `\`${c}\``).join(', ');
  const batch = 2000;
  for (let i = 0; i < table.rows.length; i += batch) {
    const rows = table.rows.slice(i, i + batch).map((row, j) => [i + j + 1, ...row]);
    await connection.query(`INSERT INTO \`${table.name}\` (${columns}) VALUES ?`, [rows]);
  }
}
