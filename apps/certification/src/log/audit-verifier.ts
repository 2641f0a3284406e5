import {
  bytesEqual,
  createNoteVerifier,
  MerkleFrontier,
  type NoteVerifier,
  StatusMap,
  statusMapRootOf,
  toBase64,
  toHex,
  type TrustFile,
  verifyCheckpoint,
  verifyCosignature,
} from '@oversing/verifier';
import { Queryable } from '../infrastructure/audit-database';
import { checkCertificates, checkErasures, checkSigningKeys } from './trust-checks';
import {
  auditEventLeafHash,
  certificationEventLeafHash,
  CertificationEventKind,
  logStatusOf,
  outputVersionSha256,
} from './leaf-data';
import { nodeSha256 } from './transparency-log.service';

export interface AuditVerification {
  ok: boolean;
  leaves: number;
  checkpoints: number;
  seconds: number;
  /** The first bad entry, when not ok. */
  problem?: string;
}

const PAGE = 20_000;

interface WitnessedCheckpoint {
  witness: string;
  size: number;
  root: Uint8Array;
  /** The status map root on its extension line, if any. */
  mapRoot?: Uint8Array;
}

/**
 * The latest checkpoint each witness of the trust file cosigned, fetched from the witness (its state is
 * outside the audit database), its cosignature checked with the witness key and its log signature with the
 * trusted log keys. A witness with no URL, or that cannot be reached, is a failure: audit:verify requires
 * the latest witnessed checkpoint.
 */
async function fetchWitnessedCheckpoints(
  trust: TrustFile,
  logVerifiers: NoteVerifier[],
): Promise<WitnessedCheckpoint[]> {
  const found: WitnessedCheckpoint[] = [];
  for (const witness of trust.witnesses ?? []) {
    if (!witness.url) throw new Error(`witness ${witness.name}: the trust file gives no URL to ask it`);
    let note: string;
    try {
      const url = `${witness.url.replace(/\/$/, '')}/checkpoint?origin=${encodeURIComponent(trust.log.origin)}`;
      const response = await fetch(url, { signal: AbortSignal.timeout(10_000) });
      if (response.status === 404) continue; // the witness never cosigned this log yet
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      note = await response.text();
    } catch (e) {
      throw new Error(
        `witness ${witness.name}: its latest cosigned checkpoint cannot be fetched (${(e as Error).message})`,
      );
    }
    try {
      const { checkpoint } = await verifyCosignature(note, witness.verifier_key);
      await verifyCheckpoint(note, logVerifiers, trust.log.origin);
      found.push({
        witness: witness.name,
        size: checkpoint.size,
        root: checkpoint.rootHash,
        mapRoot: statusMapRootOf(checkpoint.extensions),
      });
    } catch (e) {
      throw new Error(`witness ${witness.name}: its checkpoint does not verify (${(e as Error).message})`);
    }
  }
  return found.sort((a, b) => a.size - b.size);
}

interface LeafRow {
  leaf_index: string;
  leaf_hash: Buffer;
  source_type: string;
  source_id: string;
  e_id: string | null;
  certification_id: string | null;
  kind: CertificationEventKind | null;
  reason: string | null;
  e_actor_type: string;
  e_actor_id: string | null;
  e_ip: string | null;
  e_user_agent: string | null;
  leaf_version: number;
  event_at: Date | null;
  event_leaf_index: string | null;
  c_id: string | null;
  jws: string | null;
  created_by: string | null;
  risk_score: number;
  policy_results: unknown;
  c_metadata: unknown;
  o_id: string | null;
  o_parent: string | null;
  o_input: unknown;
  o_output: unknown;
  o_sealed: unknown;
  o_created_at: Date | null;
  c_input_hash: string | null;
  c_output_hash: string | null;
  o_count: string;
  a_event_id: string | null;
  tenant_id: string | null;
  entity_type: string;
  entity_id: string;
  action: string;
  actor_type: string;
  actor_id: string | null;
  ip: string | null;
  user_agent: string | null;
  before_state: unknown;
  after_state: unknown;
  metadata: unknown;
  occurred_at: Date;
  a_leaf_index: string | null;
}

/**
 * `audit:verify`, against a trust file only (never keys read from the database it checks):
 * 1. every row of signing_keys is a key the trust file lists, with the creation time it lists (an inserted
 *    or re-dated key is named);
 * 2. recomputes every leaf from its source row (certification event + certificate, or audit event), folds
 *    them into a MerkleFrontier, and at each stored checkpoint's size checks that the root equals the
 *    checkpoint's root and that the checkpoint is signed by a trusted log key for the trusted origin;
 *    It also rebuilds the status map (certification id → latest status leaf) from the recomputed leaves and
 *    checks each checkpoint's `runcible-status-map/v1` root against it (checkpoints signed before status
 *    maps may lack the line; none after the first that has it may);
 * 3. every certificate's JWS verifies under a trusted certificate key and equals its stored payload.
 * Stops at the first bad entry and names it. A superuser who edits a row (triggers disabled) changes a
 * recomputed leaf; one who also rewrites log_leaves changes the root, which the signed checkpoints pin;
 * one who re-signs the checkpoints needs a log key the trust file lists.
 */
export async function verifyAuditLog(db: Queryable, trust: TrustFile): Promise<AuditVerification> {
  const started = performance.now();
  const options = { origin: trust.log.origin };
  const verifierKeys = [trust.log.verifier_key, ...(trust.log.previous_verifier_keys ?? [])];
  const verifiers: NoteVerifier[] = await Promise.all(verifierKeys.map((k) => createNoteVerifier(k)));
  const { rows: checkpoints } = await db.query<{ size: string; root: Buffer; signed_note: string }>(
    'SELECT size, root, signed_note FROM log_checkpoints ORDER BY size',
  );
  const frontier = new MerkleFrontier();
  const map = new StatusMap({ sha256: nodeSha256 });
  let mapSince: number | undefined;
  let next = 0;
  const result = (problem?: string): AuditVerification => ({
    ok: problem === undefined,
    leaves: frontier.size,
    checkpoints: checkpoints.length,
    seconds: Math.round((performance.now() - started) / 10) / 100,
    ...(problem ? { problem } : {}),
  });

  const checkAt = async (): Promise<string | undefined> => {
    while (next < checkpoints.length && Number(checkpoints[next].size) === frontier.size) {
      const cp = checkpoints[next];
      const root = frontier.root();
      let parsedRoot: Uint8Array;
      let mapRoot: Uint8Array | undefined;
      try {
        const parsed = await verifyCheckpoint(cp.signed_note, verifiers, options.origin);
        parsedRoot = parsed.rootHash;
        mapRoot = statusMapRootOf(parsed.extensions);
      } catch (e) {
        return `checkpoint at size ${cp.size}: signature or format invalid (${(e as Error).message})`;
      }
      if (!bytesEqual(parsedRoot, new Uint8Array(cp.root))) {
        return `checkpoint at size ${cp.size}: stored root column differs from its signed note`;
      }
      if (!bytesEqual(parsedRoot, root)) {
        return `checkpoint at size ${cp.size}: recomputed root ${toBase64(root)} differs from the signed root ${toBase64(parsedRoot)}`;
      }
      const problem = checkMapRoot(`checkpoint at size ${cp.size}`, mapRoot);
      if (problem) return problem;
      next++;
    }
    return undefined;
  };

  /** A signed status map root against the one recomputed from the leaves so far. */
  const checkMapRoot = (name: string, signed: Uint8Array | undefined): string | undefined => {
    if (!signed) {
      if (mapSince !== undefined) {
        return `${name}: it commits to no status map, although the checkpoint at size ${mapSince} did`;
      }
      return undefined;
    }
    mapSince ??= frontier.size;
    const recomputed = map.root();
    if (!bytesEqual(signed, recomputed)) {
      return `${name}: its status map root ${toBase64(signed)} differs from the one recomputed from the leaves, ${toBase64(recomputed)} (a status leaf or the map root was changed)`;
    }
    return undefined;
  };

  let problem = await checkSigningKeys(db, trust);
  if (problem) return result(problem);
  let witnessed: WitnessedCheckpoint[];
  try {
    witnessed = await fetchWitnessedCheckpoints(trust, verifiers);
  } catch (e) {
    return result((e as Error).message);
  }
  let nextWitnessed = 0;
  const checkWitnessed = (): string | undefined => {
    while (nextWitnessed < witnessed.length && witnessed[nextWitnessed].size === frontier.size) {
      const w = witnessed[nextWitnessed];
      if (!bytesEqual(frontier.root(), w.root)) {
        return `the checkpoint at size ${w.size} cosigned by witness ${w.witness} has root ${toBase64(w.root)}, the audit database gives ${toBase64(frontier.root())}`;
      }
      if (w.mapRoot && !bytesEqual(w.mapRoot, map.root())) {
        return `the checkpoint at size ${w.size} cosigned by witness ${w.witness} has status map root ${toBase64(w.mapRoot)}, the audit database gives ${toBase64(map.root())}`;
      }
      nextWitnessed++;
    }
    return undefined;
  };
  problem = checkWitnessed() ?? (await checkAt());
  if (problem) return result(problem);
  for (;;) {
    const { rows } = await db.query<LeafRow>(
      `SELECT l.leaf_index, l.leaf_hash, l.source_type, l.source_id,
              e.id AS e_id, e.certification_id, e.kind, e.reason, e.actor_type AS e_actor_type,
              e.actor_id AS e_actor_id, e.ip AS e_ip, e.user_agent AS e_user_agent, e.leaf_version,
              e.created_at AS event_at, e.leaf_index AS event_leaf_index,
              c.id AS c_id, c.jws, c.created_by, c.risk_score, c.policy_results, c.metadata AS c_metadata,
              c.input_hash AS c_input_hash, c.output_hash AS c_output_hash,
              o.id AS o_id, o.parent_certification_id AS o_parent, o.input AS o_input, o.output AS o_output,
              o.sealed AS o_sealed,
              o.created_at AS o_created_at, coalesce(o.n, 0) AS o_count,
              a.event_id AS a_event_id, a.tenant_id, a.entity_type, a.entity_id, a.action, a.actor_type, a.actor_id,
              a.ip, a.user_agent, a.before_state, a.after_state, a.metadata, a.occurred_at, a.leaf_index AS a_leaf_index
       FROM log_leaves l
       LEFT JOIN certification_events e ON l.source_type = 'certification_event' AND e.id = l.source_id
       LEFT JOIN certifications c ON c.id = e.certification_id
       LEFT JOIN LATERAL (
         SELECT v.*, count(*) OVER () AS n FROM llm_output_versions v WHERE v.certification_id = c.id LIMIT 1
       ) o ON e.leaf_version = 2
       LEFT JOIN audit_events a ON l.source_type = 'audit_event' AND a.event_id = l.source_id
       WHERE l.leaf_index >= $1 ORDER BY l.leaf_index LIMIT $2`,
      [frontier.size, PAGE],
    );
    for (const row of rows) {
      const index = Number(row.leaf_index);
      const name = `leaf ${index} (${row.source_type} ${row.source_id})`;
      if (index !== frontier.size)
        return result(`leaf ${frontier.size} is missing (next stored leaf is ${index})`);
      let expected: Uint8Array;
      if (row.source_type === 'certification_event') {
        if (!row.e_id || !row.c_id || !row.jws || !row.event_at || !row.kind || row.kind === 'viewed') {
          return result(`${name}: its certification event or certificate is missing`);
        }
        if (Number(row.event_leaf_index) !== index)
          return result(`${name}: the event names another log index`);
        if (row.leaf_version === 2 && Number(row.o_count) > 1) {
          return result(`${name}: certification ${row.c_id} has ${row.o_count} stored output versions`);
        }
        expected = certificationEventLeafHash({
          event: {
            id: row.e_id,
            kind: row.kind,
            reason: row.reason,
            actor_type: row.e_actor_type,
            actor_id: row.e_actor_id,
            ip: row.e_ip,
            user_agent: row.e_user_agent,
            created_at: row.event_at,
            leaf_version: row.leaf_version,
          },
          certification: {
            id: row.c_id,
            jws: row.jws,
            created_by: row.created_by,
            risk_score: row.risk_score,
            policy_results: row.policy_results,
            metadata: row.c_metadata,
          },
          outputVersionSha256:
            row.o_id && row.o_created_at
              ? outputVersionSha256(
                  {
                    id: row.o_id,
                    certification_id: row.c_id,
                    parent_certification_id: row.o_parent,
                    input: row.o_input,
                    output: row.o_output,
                    sealed: row.o_sealed,
                    created_at: row.o_created_at,
                  },
                  row.o_sealed === null ? undefined : certifiedHashes(row),
                )
              : null,
        });
      } else {
        if (!row.a_event_id || !row.tenant_id) return result(`${name}: its audit event is missing`);
        if (Number(row.a_leaf_index) !== index)
          return result(`${name}: the audit event names another log index`);
        expected = auditEventLeafHash({ ...row, event_id: row.a_event_id, tenant_id: row.tenant_id });
      }
      if (!bytesEqual(expected, new Uint8Array(row.leaf_hash))) {
        return result(
          `${name}: the row does not match its logged leaf hash (recomputed ${toHex(expected)}, logged ${toHex(new Uint8Array(row.leaf_hash))})`,
        );
      }
      frontier.append(expected);
      if (row.source_type === 'certification_event' && row.c_id && row.kind && row.kind !== 'viewed') {
        map.set(row.c_id, index, expected, logStatusOf(row.kind));
      }
      problem = checkWitnessed() ?? (await checkAt());
      if (problem) return result(`${problem}; first entry that differs is at or before ${name}`);
    }
    if (rows.length < PAGE) break;
  }
  if (nextWitnessed < witnessed.length) {
    const w = witnessed[nextWitnessed];
    return result(
      `witness ${w.witness} cosigned a checkpoint of size ${w.size}, the audit database holds ${frontier.size} leaves (deleted leaves?)`,
    );
  }
  if (next < checkpoints.length) {
    return result(
      `checkpoint at size ${checkpoints[next].size} is beyond the ${frontier.size} leaves in the log`,
    );
  }
  return result((await checkCertificates(db, trust)) ?? (await checkErasures(db)));
}

/** A sealed version is hashed with its certificate's hashes (the JWS check covers those columns). */
function certifiedHashes(row: LeafRow): { input_sha256: string; output_sha256: string } {
  return { input_sha256: row.c_input_hash?.trim() ?? '', output_sha256: row.c_output_hash?.trim() ?? '' };
}
