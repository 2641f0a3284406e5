import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppException, ErrorCode } from '../errors/app-exception';

/**
 * The input boundary every HTTP service shares: it refuses, before any validation or handler runs, what
 * cannot be parsed safely or stored at all, so bad input is a 4xx in the error envelope and never a 500.
 *
 * - bodies nested deeper than `maxDepth` (a 5,000-level body would overflow class-transformer's recursion);
 * - NUL characters (PostgreSQL text cannot hold U+0000) and lone UTF-16 surrogates (not Unicode: they
 *   throw in `encodeURIComponent` and are replaced in UTF-8) in body values, body keys, query values and
 *   path parameters. The 400 names the offending field.
 */
export const DEFAULT_MAX_JSON_DEPTH = 64;

export type InputProblem = { field: string; message: string };

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why a string cannot be stored, or undefined when it can. */
export function unstorableStringReason(value: string): string | undefined {
  if (value.includes('\u0000')) return 'must not contain NUL characters';
  if (LONE_SURROGATE.test(value)) return 'must be valid Unicode (it contains a lone surrogate)';
  return undefined;
}

/** A key safe to echo back in the error (NUL and surrogates replaced by U+FFFD). */
function printable(key: string): string {
  return key
    .replace(/[\uD800-\uDFFF]/g, '\uFFFD')
    .split('\u0000')
    .join('\uFFFD');
}

function join(parent: string, key: string | number): string {
  if (typeof key === 'number') return `${parent}[${key}]`;
  return parent ? `${parent}.${key}` : key;
}

/**
 * The first string (value or key) in a parsed value that cannot be stored, with its field path, or a depth
 * problem. Iterative, so no input can overflow the stack here.
 */
export function findUnstorableInput(value: unknown, maxDepth: number, root = ''): InputProblem | undefined {
  const stack: { value: unknown; path: string; depth: number }[] = [{ value, path: root, depth: 0 }];
  while (stack.length > 0) {
    const { value: current, path, depth } = stack.pop()!;
    if (typeof current === 'string') {
      const reason = unstorableStringReason(current);
      if (reason) return { field: path || 'body', message: reason };
      continue;
    }
    if (current === null || typeof current !== 'object') continue;
    if (depth >= maxDepth) {
      return { field: path || 'body', message: `is nested more than ${maxDepth} levels deep` };
    }
    if (Array.isArray(current)) {
      current.forEach((item, index) =>
        stack.push({ value: item, path: join(path, index), depth: depth + 1 }),
      );
      continue;
    }
    for (const [key, item] of Object.entries(current as Record<string, unknown>)) {
      const keyReason = unstorableStringReason(key);
      if (keyReason)
        return {
          field: join(path, printable(key)),
          message: `name ${keyReason}`,
        };
      stack.push({ value: item, path: join(path, key), depth: depth + 1 });
    }
  }
  return undefined;
}

function refuse(problem: InputProblem): AppException {
  return new AppException(
    ErrorCode.BAD_REQUEST,
    `The request contains a value that cannot be accepted: ${problem.field} ${problem.message}`,
    [problem],
  );
}

function checkRequest(request: FastifyRequest, maxDepth: number): void {
  const problem =
    findUnstorableInput(request.params, maxDepth) ??
    findUnstorableInput(request.query, maxDepth) ??
    findUnstorableInput(request.body, maxDepth);
  if (problem) throw refuse(problem);
}

/**
 * Registers the boundary on a Fastify instance: a preValidation hook (after parsing, before every route,
 * Nest or not, and before Nest's validation pipe) that refuses excessive nesting, NUL characters and lone
 * surrogates. Parsing itself is safe at any depth (V8's JSON.parse and secure-json-parse are iterative)
 * and bounded by the body limit.
 */
export function registerInputBoundary(
  fastify: FastifyInstance,
  options: { maxJsonDepth?: number } = {},
): void {
  const maxDepth = options.maxJsonDepth ?? DEFAULT_MAX_JSON_DEPTH;
  fastify.addHook('preValidation', (request, _reply, done) => {
    try {
      checkRequest(request, maxDepth);
      done();
    } catch (error) {
      done(error as Error);
    }
  });
}
