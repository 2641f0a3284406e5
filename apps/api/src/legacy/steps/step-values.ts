import { isCurrency } from '../../financial/money';
import type { LegacyRow } from '../import-step';
import { SkipRow } from '../import-step';
import { LegacyValueError, utcTimestamp } from '../legacy-values';

export function created(row: LegacyRow): Date | null {
  return utcTimestamp(row.created_at, 'created_at');
}

export function updated(row: LegacyRow): Date | null {
  return utcTimestamp(row.updated_at, 'updated_at') ?? created(row);
}

export function skipIfDeleted(row: LegacyRow): void {
  if (row.deleted_at && !row.deleted_at.startsWith('0000')) throw new SkipRow('deleted in legacy');
}

export function positiveInt(value: string | null, field: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1)
    throw new LegacyValueError(`${field}: "${value}" is not a positive integer`);
  return n;
}

export function currency(value: string | null, field = 'currency'): string {
  const code = (value ?? '').trim().toUpperCase();
  if (!isCurrency(code)) throw new LegacyValueError(`${field}: unknown currency "${value}"`);
  return code;
}
