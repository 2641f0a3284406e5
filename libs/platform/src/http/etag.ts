import { AppException, ErrorCode } from '../errors/app-exception';

/** The ETag of a versioned record. */
export const etagOf = (version: number): string => `"${version}"`;

/** Reads `If-Match: "3"` (or W/"3"); undefined when absent; 400 when not a version we issued. */
export function parseIfMatch(header: string | string[] | undefined): number | undefined {
  if (header === undefined) return undefined;
  const value = Array.isArray(header) ? header[0] : header;
  const match = /^(?:W\/)?"(\d+)"$/.exec(value.trim());
  if (!match) throw AppException.badRequest('If-Match must be an ETag returned by this API, e.g. "3"');
  return Number(match[1]);
}

/**
 * Optimistic concurrency: when the client names the version it edited and the record has moved on,
 * refuse with 412 rather than overwrite someone else's change.
 */
export function assertVersionMatches(entity: string, current: number, expected: number | undefined): void {
  if (expected !== undefined && expected !== current) {
    throw new AppException(
      ErrorCode.PRECONDITION_FAILED,
      `The ${entity} was changed by someone else (you edited version ${expected}, it is now ${current}); reload and try again`,
      [{ field: 'If-Match', message: `current version is ${current}` }],
    );
  }
}
