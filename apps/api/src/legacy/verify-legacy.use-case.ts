import { Injectable } from '@nestjs/common';
import { runInTenant } from '@oversing/platform';
import { formatMinor } from '../financial/money';
import { TenantRepository } from '../tenancy/tenant.repository';
import { ImportUsageError } from './import-legacy.use-case';
import { LegacyVerifyRepository } from './legacy-verify.repository';
import { LegacySource } from './legacy-source';
import { decimalToMinor } from './legacy-values';
import { connectLegacy, parseLegacyUrl, redactedUrl } from './mysql-connection';

export interface VerifyLegacyCommand {
  from: string;
  tenant: string;
  instance?: string;
}

export interface VerifyDifference {
  check: string;
  key: string;
  legacy: string;
  imported: string;
}

export interface VerifyReport {
  ok: boolean;
  tenant: string;
  source: string;
  legacy_instance: string;
  counts: Record<string, { legacy: number; imported: number }>;
  hours_per_program: { programs: number; legacy_hours: string; imported_hours: string };
  invoice_totals: { groups: number; per_currency: Record<string, { legacy: string; imported: string }> };
  payments: Record<string, { legacy: string; imported: string; invoices_paid: string }>;
  differences: VerifyDifference[];
}

/** Minutes as hours with two decimals, exactly ("12345" → "205.75"). */
function hoursText(minutes: bigint): string {
  const hundredths = (minutes * 100n) / 60n;
  const exact = (minutes * 100n) % 60n === 0n;
  const text = `${hundredths / 100n}.${String(hundredths % 100n).padStart(2, '0')}`;
  return exact ? text : `${text}…`;
}

/** A legacy DECIMAL of minutes ("150.00") as whole minutes; a fraction stays visible as a difference. */
function legacyMinutes(text: string): bigint | null {
  const match = /^(\d+)(?:\.(\d+))?$/.exec(text);
  if (!match || /[1-9]/.test(match[2] ?? '')) return null;
  return BigInt(match[1]);
}

/**
 * Compares the legacy instance with what the import made of it: counts per entity (what the import
 * should have brought over against the mapped rows that still exist), minutes of work per program,
 * invoice totals per program and currency, and payments per currency. Any difference is listed and
 * makes the report not ok.
 */
@Injectable()
export class VerifyLegacyUseCase {
  constructor(
    private readonly tenants: TenantRepository,
    private readonly imported: LegacyVerifyRepository,
  ) {}

  async execute(command: VerifyLegacyCommand): Promise<VerifyReport> {
    const location = parseLegacyUrl(command.from);
    const tenant = await this.tenants.findBySlug(command.tenant);
    if (!tenant) throw new ImportUsageError(`no tenant "${command.tenant}"`);
    const connection = await connectLegacy(location);
    try {
      const source = new LegacySource(connection);
      const instances = await source.instances();
      const instance = command.instance
        ? instances.find((i) => String(i.id) === command.instance || i.slug === command.instance)
        : instances.length === 1
          ? instances[0]
          : undefined;
      if (!instance) throw new ImportUsageError('choose the legacy application instance with --instance');
      const id = String(instance.id);
      return await runInTenant(tenant.id, async () => {
        const differences: VerifyDifference[] = [];
        const legacyCounts = await source.importableCounts(id);
        const importedCounts = await this.imported.importedCounts();
        const counts: VerifyReport['counts'] = {};
        for (const [entity, legacy] of Object.entries(legacyCounts)) {
          const imported = importedCounts[entity] ?? 0;
          counts[entity] = { legacy, imported };
          if (legacy !== imported)
            differences.push({
              check: 'count',
              key: entity,
              legacy: String(legacy),
              imported: String(imported),
            });
        }

        const legacyMinutesMap = await source.minutesPerProgram(id);
        const importedMinutes = await this.imported.minutesPerProgram();
        let legacyTotal = 0n;
        let importedTotal = 0n;
        for (const program of new Set([...legacyMinutesMap.keys(), ...importedMinutes.keys()])) {
          const legacyText = legacyMinutesMap.get(program) ?? '0';
          const legacy = legacyMinutes(legacyText);
          const imported = importedMinutes.get(program) ?? 0n;
          legacyTotal += legacy ?? 0n;
          importedTotal += imported;
          if (legacy !== imported)
            differences.push({
              check: 'hours_per_program',
              key: `program ${program}`,
              legacy: legacy === null ? `${legacyText} min` : hoursText(legacy),
              imported: hoursText(imported),
            });
        }

        const perCurrency: VerifyReport['invoice_totals']['per_currency'] = {};
        const legacyInvoices = new Map<string, bigint>();
        for (const row of await source.invoiceTotals(id))
          legacyInvoices.set(
            `${row.program_id}|${row.currency}`,
            decimalToMinor(row.total, row.currency, 'total'),
          );
        const importedInvoices = new Map(
          (await this.imported.invoiceTotals()).map((r) => [`${r.program}|${r.currency}`, r.total]),
        );
        const groups = new Set([...legacyInvoices.keys(), ...importedInvoices.keys()]);
        const sums = new Map<string, { legacy: bigint; imported: bigint }>();
        for (const key of groups) {
          const [program, currency] = key.split('|');
          const legacy = legacyInvoices.get(key) ?? 0n;
          const imported = importedInvoices.get(key) ?? 0n;
          const sum = sums.get(currency) ?? { legacy: 0n, imported: 0n };
          sum.legacy += legacy;
          sum.imported += imported;
          sums.set(currency, sum);
          if (legacy !== imported)
            differences.push({
              check: 'invoice_totals',
              key: `program ${program} ${currency}`,
              legacy: formatMinor(legacy, currency),
              imported: formatMinor(imported, currency),
            });
        }
        for (const [currency, sum] of sums)
          perCurrency[currency] = {
            legacy: formatMinor(sum.legacy, currency),
            imported: formatMinor(sum.imported, currency),
          };

        const payments: VerifyReport['payments'] = {};
        const legacyPayments = new Map(
          (await source.paymentTotals(id)).map((r) => [
            r.currency,
            decimalToMinor(r.total, r.currency, 'amount'),
          ]),
        );
        const importedPayments = new Map((await this.imported.paymentTotals()).map((r) => [r.currency, r]));
        for (const currency of new Set([...legacyPayments.keys(), ...importedPayments.keys()])) {
          const legacy = legacyPayments.get(currency) ?? 0n;
          const imported = importedPayments.get(currency);
          payments[currency] = {
            legacy: formatMinor(legacy, currency),
            imported: formatMinor(imported?.total ?? 0n, currency),
            invoices_paid: formatMinor(imported?.invoiced_paid ?? 0n, currency),
          };
          if (legacy !== (imported?.total ?? 0n) || legacy !== (imported?.invoiced_paid ?? 0n))
            differences.push({
              check: 'payments',
              key: currency,
              legacy: formatMinor(legacy, currency),
              imported: `${formatMinor(imported?.total ?? 0n, currency)} (invoices paid: ${formatMinor(imported?.invoiced_paid ?? 0n, currency)})`,
            });
        }

        return {
          ok: differences.length === 0,
          tenant: tenant.slug,
          source: redactedUrl(location),
          legacy_instance: `${id} (${instance.slug})`,
          counts,
          hours_per_program: {
            programs: new Set([...legacyMinutesMap.keys(), ...importedMinutes.keys()]).size,
            legacy_hours: hoursText(legacyTotal),
            imported_hours: hoursText(importedTotal),
          },
          invoice_totals: { groups: groups.size, per_currency: perCurrency },
          payments,
          differences,
        };
      });
    } finally {
      await connection.end();
    }
  }
}
