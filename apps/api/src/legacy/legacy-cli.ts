import { CliArgs, CliResultError, CliUsageError, required, withApi } from '../cli/api-cli';
import { isCalendarDate } from '../time/iso-week';
import { ImportLegacyUseCase, ImportUsageError } from './import-legacy.use-case';
import { DEFAULT_GENERATE_OPTIONS, generateLegacyDatabase } from './legacy-generator';
import { isTimeZone } from './legacy-values';
import { parseLegacyUrl } from './mysql-connection';
import { terminalProgress } from './terminal-progress';
import { VerifyLegacyUseCase } from './verify-legacy.use-case';

function integer(args: CliArgs, name: string, fallback: number, min: number, max: number): number {
  const raw = args[name];
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (typeof raw !== 'string' || !/^\d+$/.test(raw) || value < min || value > max)
    throw new CliUsageError(`--${name} must be a whole number from ${min} to ${max}`);
  return value;
}

function optionalText(args: CliArgs, name: string): string | undefined {
  const value = args[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !value) throw new CliUsageError(`--${name} needs a value`);
  return value;
}

function emailDomain(args: CliArgs): string {
  const domain = optionalText(args, 'email-domain') ?? DEFAULT_GENERATE_OPTIONS.emailDomain;
  if (!/^[a-z0-9-]+(\.[a-z0-9-]+)+$/i.test(domain))
    throw new CliUsageError('--email-domain must be a domain name');
  return domain;
}

/** Usage errors of the use cases are the operator's to fix: exit 2 with the message. */
async function usage<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof ImportUsageError) throw new CliUsageError(error.message);
    if (error instanceof Error && /^(--|the legacy database URL)/.test(error.message))
      throw new CliUsageError(error.message);
    throw error;
  }
}

/** Operator commands for moving a team off the legacy (Laravel/MySQL) Oversing. */
export const legacyCommands: Record<string, (args: CliArgs) => Promise<unknown>> = {
  /** `legacy:generate --to mysql://root@127.0.0.1:3306/oversing_legacy [--tasks 100000] [--seed 42]` */
  'legacy:generate': async (args) => {
    const location = await usage(async () => parseLegacyUrl(required(args, 'to')));
    const timezone = optionalText(args, 'timezone') ?? DEFAULT_GENERATE_OPTIONS.timezone;
    if (!isTimeZone(timezone)) throw new CliUsageError(`--timezone: unknown time zone "${timezone}"`);
    const until = optionalText(args, 'until') ?? DEFAULT_GENERATE_OPTIONS.until;
    if (!isCalendarDate(until)) throw new CliUsageError('--until must be a date (YYYY-MM-DD)');
    const started = Date.now();
    const summary = await generateLegacyDatabase(location, {
      tasks: integer(args, 'tasks', DEFAULT_GENERATE_OPTIONS.tasks, 1, 5_000_000),
      seed: integer(args, 'seed', DEFAULT_GENERATE_OPTIONS.seed, 0, 2 ** 32 - 1),
      password: optionalText(args, 'password') ?? DEFAULT_GENERATE_OPTIONS.password,
      bcryptCost: integer(args, 'bcrypt-cost', DEFAULT_GENERATE_OPTIONS.bcryptCost, 4, 31),
      timezone,
      until,
      broken: integer(args, 'broken', DEFAULT_GENERATE_OPTIONS.broken, 0, 1_000_000),
      emailDomain: emailDomain(args),
    });
    return { ...summary, duration_ms: Date.now() - started };
  },

  /** `legacy:import --from mysql://… --tenant SLUG [--instance ID|SLUG] [--since ISO|last] [--dry-run] [--chunk-size N] [--parallel N]` */
  'legacy:import': (args) =>
    withApi(async (app) => {
      const from = required(args, 'from');
      const tenant = required(args, 'tenant');
      const report = await usage(() =>
        app.get(ImportLegacyUseCase).execute({
          from,
          tenant,
          instance: optionalText(args, 'instance'),
          since: optionalText(args, 'since'),
          dryRun: args['dry-run'] === true,
          chunkSize: integer(args, 'chunk-size', 5000, 1, 50_000),
          parallelSteps: integer(args, 'parallel', 2, 1, 8),
          progress: terminalProgress(),
        }),
      );
      return report;
    }),

  /** `legacy:verify --from mysql://… --tenant SLUG`: exits 1, with the report, on any difference. */
  'legacy:verify': (args) =>
    withApi(async (app) => {
      const report = await usage(() =>
        app.get(VerifyLegacyUseCase).execute({
          from: required(args, 'from'),
          tenant: required(args, 'tenant'),
          instance: optionalText(args, 'instance'),
        }),
      );
      if (!report.ok)
        throw new CliResultError(
          `${report.differences.length} difference(s) between the legacy instance and tenant "${report.tenant}"`,
          report,
        );
      return report;
    }),
};
