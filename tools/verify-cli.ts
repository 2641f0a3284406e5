/**
 * `npm run verify -- <bundle.json> [--trust trust.json] [--at <RFC 3339 time>]`
 *
 * Verifies a Runcible certificate bundle offline: no server, no database, no network. The trust file names
 * the transparency log (origin and verifier key), the certificate signing keys and, optionally, the TSA
 * certificates; it may also be given by the RUNCIBLE_TRUST_FILE environment variable. Prints the result as
 * JSON on stdout and exits 0 only when every check passes (1 when a check fails, 2 on a usage or input error).
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';

import { verifyBundle } from '@oversing/verifier';

const USAGE = 'usage: npm run verify -- <bundle.json> --trust <trust.json> [--at <RFC 3339 time>]';

class UsageError extends Error {}

async function readJson(path: string, what: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read ${what} ${path}: ${(e as Error).message}`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw new UsageError(`${what} ${path} is not valid JSON: ${(e as Error).message}`);
  }
}

export async function main(argv: string[] = process.argv.slice(2)): Promise<number> {
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      options: { trust: { type: 'string' }, at: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
    });
    if (values.help) {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    if (positionals.length !== 1) throw new UsageError('exactly one bundle file is required');
    const trustPath = values.trust ?? process.env.RUNCIBLE_TRUST_FILE;
    if (!trustPath) {
      throw new UsageError(
        'a trust file is required (--trust trust.json): without one nothing can be trusted',
      );
    }
    const now = values.at === undefined ? new Date() : new Date(values.at);
    if (Number.isNaN(now.getTime())) throw new UsageError(`--at ${values.at} is not a valid time`);
    const [bundle, trust] = await Promise.all([
      readJson(positionals[0], 'bundle'),
      readJson(trustPath, 'trust file'),
    ]);
    const result = await verifyBundle(bundle, trust, now);
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    if (!result.ok) {
      const failures = result.checks.filter((c) => !c.ok).map((c) => `${c.name}: ${c.detail}`);
      process.stderr.write(`verification FAILED\n${failures.map((f) => `  - ${f}`).join('\n')}\n`);
      return 1;
    }
    process.stderr.write(`verification OK: all ${result.checks.length} checks passed\n`);
    return 0;
  } catch (e) {
    const message = e instanceof UsageError || e instanceof TypeError ? e.message : String(e);
    process.stderr.write(`error: ${message}\n${USAGE}\n`);
    return 2;
  }
}

// Run when executed directly (node dist/tools/verify-cli.js), not when imported.
if (typeof require !== 'undefined' && require.main === module) {
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(`error: ${String(e)}\n`);
      process.exitCode = 2;
    },
  );
}
