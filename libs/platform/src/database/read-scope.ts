/**
 * How far a principal may read a kind of record: everywhere in the tenant, or under these programs
 * (and their sub-programs) and tasks. Computed from role assignments by the API's PolicyService and
 * applied in SQL wherever rows are read on the principal's behalf (search, exports).
 */
export interface ReadScope {
  tenantWide: boolean;
  programIds: string[];
  taskIds: string[];
}

/**
 * The SQL condition (starting with AND, or empty when tenant-wide) that keeps rows under the granted
 * programs, their sub-programs, or the granted tasks. `$1` must be the tenant id; the scope's arrays are
 * appended to `params` and referenced by position.
 */
export function readScopeCondition(
  scope: ReadScope,
  columns: { program: string; task?: string },
  params: unknown[],
): string {
  if (scope.tenantWide) return '';
  params.push(scope.programIds);
  const programs = `$${params.length}::uuid[]`;
  const underGrantedProgram = `${columns.program} IN (
    WITH RECURSIVE granted AS (
      SELECT id, 0 AS depth FROM programs WHERE tenant_id = $1 AND id = ANY(${programs})
      UNION ALL
      SELECT c.id, g.depth + 1 FROM programs c JOIN granted g ON c.parent_id = g.id
       WHERE c.tenant_id = $1 AND g.depth < 50
    ) SELECT id FROM granted)`;
  if (!columns.task) return `AND ${underGrantedProgram}`;
  params.push(scope.taskIds);
  return `AND (${underGrantedProgram} OR ${columns.task} = ANY($${params.length}::uuid[]))`;
}
