/**
 * Status map (libs/verifier status-map.ts) at N certifications (default 1,000,000), in one process, with
 * node:crypto SHA-256 as the service and audit:verify use it, against a baseline measured in the same run:
 * folding N leaf hashes into the RFC 9162 log (MerkleFrontier), which audit:verify does anyway.
 * Figures: building the map from N status leaves and hashing its root (what audit:verify adds to a log of
 * N certification leaves with one checkpoint at the end); a checkpoint after k = 1,000 status changes
 * (the service's cost per checkpoint); a proof (siblings, JSON bytes) and its verification; memory.
 */
import { hash } from 'node:crypto';
import { MerkleFrontier, sha256, StatusMap, verifyStatusMapProof } from '@oversing/verifier';

const N = Number(process.env.BENCH_STATUS_MAP_KEYS ?? 1_000_000);
const K = 1_000;
const nodeSha256 = (data: Uint8Array): Uint8Array => hash('sha256', data, 'buffer');
const id = (i: number): string => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;

function seconds(start: number): number {
  return (performance.now() - start) / 1000;
}

function main(): void {
  const leaf = sha256('a status leaf');
  let t = performance.now();
  const frontier = new MerkleFrontier();
  for (let i = 0; i < N; i++) frontier.append(nodeSha256(leaf));
  frontier.root();
  const baseline = seconds(t);

  const rssBefore = process.memoryUsage().rss;
  const map = new StatusMap({ sha256: nodeSha256 });
  t = performance.now();
  for (let i = 0; i < N; i++) map.set(id(i), i, leaf, 'certified');
  const setSeconds = seconds(t);
  t = performance.now();
  const root = map.root();
  const rootSeconds = seconds(t);
  const rss = (process.memoryUsage().rss - rssBefore) / 1e6;

  t = performance.now();
  for (let i = 0; i < K; i++) map.set(id((i * 7919) % N), N + i, leaf, 'revoked');
  const updated = map.root();
  const checkpointMs = seconds(t) * 1000;

  t = performance.now();
  const proof = map.prove(id(12345));
  const proveMs = seconds(t) * 1000;
  t = performance.now();
  for (let i = 0; i < 100; i++) verifyStatusMapProof(updated, id(12345), proof);
  const verifyMs = (seconds(t) * 1000) / 100;

  console.log(`\n## status map at ${N} certifications (node:crypto SHA-256)`);
  console.log(`baseline: RFC 9162 frontier over ${N} leaves: ${baseline.toFixed(1)} s`);
  console.log(
    `build: ${N} updates ${setSeconds.toFixed(1)} s + root ${rootSeconds.toFixed(1)} s = ${(setSeconds + rootSeconds).toFixed(1)} s ` +
      `(${((setSeconds + rootSeconds) / baseline).toFixed(1)}x the baseline); memory ≈ ${rss.toFixed(0)} MB`,
  );
  console.log(
    `checkpoint after ${K} status changes: ${checkpointMs.toFixed(0)} ms (${((checkpointMs * 1000) / K).toFixed(0)} µs each)`,
  );
  console.log(
    `proof: ${proof.siblings.length} siblings, ${JSON.stringify(proof).length} bytes of JSON; made in ${proveMs.toFixed(2)} ms, verified in ${verifyMs.toFixed(2)} ms`,
  );
  if (root.length !== 32) throw new Error('no root');
}

main();
