/**
 * `npm run verify -- <bundle.json> [--trust trust.json] [--at <RFC 3339 time>]`
 * `npm run verify -- --trust pinned.json --trust-update new.json`
 * `npm run verify -- --trust trust.json --checkpoint saved.txt --log <certification service URL>`
 *
 * Verifies a Runcible certificate bundle offline: no server, no database, no network. The trust file names
 * the transparency log (origin and verifier key), the certificate signing keys and, optionally, the TSA
 * certificates; it may also be given by the RUNCIBLE_TRUST_FILE environment variable. Prints the result as
 * JSON on stdout and exits 0 only when every check passes (1 when a check fails, 2 on a usage or input error).
 *
 * With --trust-update, checks instead that a newer trust file (after `keys:rotate`) may replace the pinned
 * one: same log, and every certificate key it adds endorsed by a signed rotation statement chained from a
 * pinned key (libs/verifier key-rotation.ts).
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';

import {
  acceptTrustUpdate,
  createNoteVerifier,
  fromBase64,
  parseTrustFile,
  verifyBundle,
  verifyCheckpoint,
  verifyConsistency,
} from '@oversing/verifier';

const USAGE =
  'usage: npm run verify -- <bundle.json> --trust <trust.json> [--at <RFC 3339 time>]\n' +
  '       npm run verify -- --trust <pinned.json> --trust-update <new.json>\n' +
  '       npm run verify -- --trust <trust.json> --checkpoint <saved.txt> --log <URL>';

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
      options: {
        trust: { type: 'string' },
        'trust-update': { type: 'string' },
        checkpoint: { type: 'string' },
        log: { type: 'string' },
        at: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      allowPositionals: true,
    });
    if (values.help) {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    const trustPath = values.trust ?? process.env.RUNCIBLE_TRUST_FILE;
    if (!trustPath) {
      throw new UsageError(
        'a trust file is required (--trust trust.json): without one nothing can be trusted',
      );
    }
    if (values['trust-update'] !== undefined)
      return await checkTrustUpdate(trustPath, values['trust-update']);
    if (values.checkpoint !== undefined) {
      if (!values.log) throw new UsageError('--checkpoint needs --log <certification service URL>');
      return await monitorLog(trustPath, values.checkpoint, values.log);
    }
    if (positionals.length !== 1) throw new UsageError('exactly one bundle file is required');
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

async function checkTrustUpdate(pinnedPath: string, candidatePath: string): Promise<number> {
  let pinned, candidate;
  try {
    pinned = parseTrustFile(await readJson(pinnedPath, 'trust file'));
    candidate = parseTrustFile(await readJson(candidatePath, 'trust update'));
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const result = await acceptTrustUpdate(pinned, candidate);
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  if (!result.ok) {
    process.stderr.write(`trust update REFUSED\n${result.problems.map((p) => `  - ${p}`).join('\n')}\n`);
    return 1;
  }
  process.stderr.write(`trust update OK: ${result.endorsed.length} new key(s) endorsed by pinned keys\n`);
  return 0;
}

/**
 * Monitor: proves that the log only grew since a checkpoint the caller kept. Fetches the live checkpoint
 * and an RFC 9162 consistency proof from the saved size to its size, checks both checkpoints against the
 * trusted log key, and the proof against both roots. Prints the new checkpoint on success (keep it for
 * next time).
 */
async function monitorLog(trustPath: string, savedPath: string, logUrl: string): Promise<number> {
  let trust;
  let saved: string;
  try {
    trust = parseTrustFile(await readJson(trustPath, 'trust file'));
    saved = await readFile(savedPath, 'utf8');
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const base = logUrl.replace(/\/$/, '');
  const verifier = await createNoteVerifier(trust.log.verifier_key);
  const fail = (detail: string): number => {
    process.stdout.write(`${JSON.stringify({ ok: false, detail })}\n`);
    process.stderr.write(`log monitor FAILED: ${detail}\n`);
    return 1;
  };
  let old, latest, latestNote: string;
  try {
    old = await verifyCheckpoint(saved, verifier, trust.log.origin);
  } catch (e) {
    return fail(`the saved checkpoint does not verify: ${(e as Error).message}`);
  }
  try {
    latestNote = await (await fetch(`${base}/api/v1/log/checkpoint`)).text();
    latest = await verifyCheckpoint(latestNote, verifier, trust.log.origin);
  } catch (e) {
    return fail(`the log's current checkpoint does not verify: ${(e as Error).message}`);
  }
  if (latest.size < old.size) return fail(`the log shrank from size ${old.size} to ${latest.size}`);
  const response = await fetch(`${base}/api/v1/log/proof/consistency?from=${old.size}&to=${latest.size}`);
  const body = (await response.json()) as { data?: { hashes?: string[] } };
  const proof = (body.data?.hashes ?? []).map(fromBase64);
  if (!response.ok || !verifyConsistency(old.size, latest.size, old.rootHash, latest.rootHash, proof)) {
    return fail(
      `the log at size ${latest.size} is not consistent with the saved checkpoint of size ${old.size}`,
    );
  }
  process.stdout.write(
    `${JSON.stringify({ ok: true, from: old.size, to: latest.size, checkpoint: latestNote })}\n`,
  );
  process.stderr.write(`log monitor OK: size ${old.size} -> ${latest.size}, consistent\n`);
  return 0;
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
