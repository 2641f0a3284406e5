/** What happened to the rows of one legacy entity in one run. */
export interface EntityReport {
  /** legacy rows read (in the run's `--since` window) */
  read: number;
  /** new rows written */
  imported: number;
  /** rows written before and changed in legacy since: updated in place */
  updated: number;
  /** rows left alone, with why (unchanged since the last run, deleted in legacy, …) */
  skipped: number;
  skipped_reasons: Record<string, number>;
  /** rows not imported, each listed in `failures` with its reason */
  failed: number;
}

export interface ImportFailure {
  entity: string;
  legacy_table: string;
  legacy_id: string;
  reason: string;
}

export interface ImportReport {
  run_id: string;
  tenant: { id: string; slug: string; created: boolean };
  source: string;
  legacy_instance: { id: string; slug: string; timezone: string };
  dry_run: boolean;
  since: string | null;
  started_at: string;
  finished_at: string;
  duration_ms: number;
  totals: { read: number; imported: number; updated: number; skipped: number; failed: number };
  entities: Record<string, EntityReport>;
  failures: ImportFailure[];
  notes: string[];
}

/** Collects counts and failures while a run goes; `build()` gives the closing JSON report. */
export class ImportReportBuilder {
  private readonly entities = new Map<string, EntityReport>();
  private readonly failures: ImportFailure[] = [];
  private readonly notes: string[] = [];

  private entry(entity: string): EntityReport {
    let report = this.entities.get(entity);
    if (!report) {
      report = { read: 0, imported: 0, updated: 0, skipped: 0, skipped_reasons: {}, failed: 0 };
      this.entities.set(entity, report);
    }
    return report;
  }

  touch(entity: string): void {
    this.entry(entity);
  }

  read(entity: string, count: number): void {
    this.entry(entity).read += count;
  }

  imported(entity: string, count = 1): void {
    this.entry(entity).imported += count;
  }

  updated(entity: string, count = 1): void {
    this.entry(entity).updated += count;
  }

  skipped(entity: string, reason: string, count = 1): void {
    const report = this.entry(entity);
    report.skipped += count;
    report.skipped_reasons[reason] = (report.skipped_reasons[reason] ?? 0) + count;
  }

  failed(entity: string, legacyTable: string, legacyId: string, reason: string): void {
    this.entry(entity).failed += 1;
    this.failures.push({ entity, legacy_table: legacyTable, legacy_id: legacyId, reason });
  }

  note(text: string): void {
    if (!this.notes.includes(text)) this.notes.push(text);
  }

  get failureCount(): number {
    return this.failures.length;
  }

  build(
    header: Omit<ImportReport, 'totals' | 'entities' | 'failures' | 'notes' | 'finished_at' | 'duration_ms'>,
  ): ImportReport {
    const entities = Object.fromEntries(this.entities);
    const totals = { read: 0, imported: 0, updated: 0, skipped: 0, failed: 0 };
    for (const e of this.entities.values()) {
      totals.read += e.read;
      totals.imported += e.imported;
      totals.updated += e.updated;
      totals.skipped += e.skipped;
      totals.failed += e.failed;
    }
    const finished = new Date();
    return {
      ...header,
      finished_at: finished.toISOString(),
      duration_ms: finished.getTime() - Date.parse(header.started_at),
      totals,
      entities,
      failures: this.failures,
      notes: this.notes,
    };
  }
}
