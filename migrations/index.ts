import { Foundation1764000000000 } from './api/1764000000000-foundation';

/**
 * Migrations in order, imported explicitly so the same list runs from compiled code, from tests and
 * from the CLI. Never edit a committed migration: add a new one at the end.
 */
export const apiMigrations = [Foundation1764000000000];

export const auditMigrations: (new () => unknown)[] = [];
