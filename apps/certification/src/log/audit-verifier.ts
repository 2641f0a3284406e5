import {
  bytesEqual,
  createNoteVerifier,
  MerkleFrontier,
  type NoteVerifier,
  toBase64,
  toHex,
  verifyCheckpoint,
} from '@oversing/verifier';
import { Queryable } from '../infrastructure/audit-database';
import { auditEventLeafHash, certificationEventLeafHash, CertificationEventKind } from './leaf-data';

export interface AuditVerification {
  ok: boolean;
  leaves: number;
  checkpoints: number;
  seconds: number;
  /** The first bad entry, when not ok. */
  problem?: string;
}

const PAGE = 20_000;

interface LeafRow {
  leaf_index: string;
  leaf_hash: Buffer;
  source_type: string;
  source_id: string;
  certification_id: string | null;
  kind: CertificationEventKind | null;
  event_at: Date | null;
  event_leaf_index: string | null;
  jws: string | null;
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
 * `audit:verify`: recomputes every leaf from its source row (certification event + certificate, or audit
 * event), folds them into a MerkleFrontier, and at each stored checkpoint's size checks that the root equals
 * the checkpoint's root and that the checkpoint is signed by the log key for the expected origin. Stops at
 * the first bad entry and names it. A superuser who edits a row (triggers disabled) changes a recomputed
 * leaf; one who also rewrites log_leaves changes the root, which the signed checkpoints pin.
 */
export async function verifyAuditLog(
  db: Queryable,
  options: { origin: string; verifierKeys: string[] },
): Promise<AuditVerification> {
  const started = performance.now();
  const verifiers: NoteVerifier[] = await Promise.all(options.verifierKeys.map((k) => createNoteVerifier(k)));
  const { rows: checkpoints } = await db.query<{ size: string; root: Buffer; signed_note: string }>(
    'SELECT size, root, signed_note FROM log_checkpoints ORDER BY size',
  );
  const frontier = new MerkleFrontier();
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
      try {
        parsedRoot = (await verifyCheckpoint(cp.signed_note, verifiers, options.origin)).rootHash;
      } catch (e) {
        return `checkpoint at size ${cp.size}: signature or format invalid (${(e as Error).message})`;
      }
      if (!bytesEqual(parsedRoot, new Uint8Array(cp.root))) {
        return `checkpoint at size ${cp.size}: stored root column differs from its signed note`;
      }
      if (!bytesEqual(parsedRoot, root)) {
        return `checkpoint at size ${cp.size}: recomputed root ${toBase64(root)} differs from the signed root ${toBase64(parsedRoot)}`;
      }
      next++;
    }
    return undefined;
  };

  let problem = await checkAt();
  if (problem) return result(problem);
  for (;;) {
    const { rows } = await db.query<LeafRow>(
      `SELECT l.leaf_index, l.leaf_hash, l.source_type, l.source_id,
              e.certification_id, e.kind, e.created_at AS event_at, e.leaf_index AS event_leaf_index, c.jws,
              a.event_id AS a_event_id, a.tenant_id, a.entity_type, a.entity_id, a.action, a.actor_type, a.actor_id,
              a.ip, a.user_agent, a.before_state, a.after_state, a.metadata, a.occurred_at, a.leaf_index AS a_leaf_index
       FROM log_leaves l
       LEFT JOIN certification_events e ON l.source_type = 'certification_event' AND e.id = l.source_id
       LEFT JOIN certifications c ON c.id = e.certification_id
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
        if (!row.certification_id || !row.jws || !row.event_at || !row.kind || row.kind === 'viewed') {
          return result(`${name}: its certification event or certificate is missing`);
        }
        if (Number(row.event_leaf_index) !== index)
          return result(`${name}: the event names another log index`);
        expected = certificationEventLeafHash({
          certificationId: row.certification_id,
          jws: row.jws,
          kind: row.kind,
          at: row.event_at,
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
      problem = await checkAt();
      if (problem) return result(`${problem}; first entry that differs is at or before ${name}`);
    }
    if (rows.length < PAGE) break;
  }
  if (next < checkpoints.length) {
    return result(
      `checkpoint at size ${checkpoints[next].size} is beyond the ${frontier.size} leaves in the log`,
    );
  }
  return result();
}
