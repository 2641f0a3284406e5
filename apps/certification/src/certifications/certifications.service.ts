import { randomUUID } from 'node:crypto';
import { Counter } from 'prom-client';
import {
  AppException,
  getOrCreate,
  IdempotentWrite,
  keyInUse,
  metricsRegistry,
  Principal,
  RequestContext,
} from '@oversing/platform';
import {
  BUNDLE_VERSION,
  type CertificateBundle,
  canonicalBytes,
  canonicalSha256Hex,
  formatTlogProof,
  utf8,
  verifyBundle,
  type BundleVerification,
} from '@oversing/verifier';
import { AuditDatabase, LOG_APPEND_LOCK, sqlOn } from '../infrastructure/audit-database';
import { StatusPublisher } from '../events/status-publisher';
import { GroupCommitter } from '../infrastructure/group-commit';
import { KeyStore } from '../keys/key-store.service';
import {
  certificationEventLeafHash,
  certificationLeafEntry,
  CertificationEventKind,
  CURRENT_LEAF_VERSION,
  logStatusOf,
  OutputVersionSource,
  outputVersionSha256,
} from '../log/leaf-data';
import { NewLeaf, TransparencyLog } from '../log/transparency-log.service';
import { PoliciesRepository, PolicyRow } from '../policy/policies.repository';
import { evaluatePolicy, PolicyEvaluation } from '../policy/policy-engine';
import { ErasureResult, SubjectErasure } from '../subjects/subject-erasure';
import {
  certificationSubject,
  isSealedPersonalData,
  openPersonalData,
  SealedPersonalData,
  sealPersonalData,
  SubjectKeys,
} from '../subjects/subject-keys';
import {
  CertificationEventRow,
  CertificationRow,
  CertificationsRepository,
  CertificationWithStatus,
  NewCertificationEvent,
} from './certifications.repository';

const issued = getOrCreate(
  'certifications_issued_total',
  () =>
    new Counter({
      name: 'certifications_issued_total',
      help: 'Certifications appended to the log, by the policy decision (certified, pending_review, rejected)',
      labelNames: ['decision'],
      registers: [metricsRegistry()],
    }),
);

export interface CertifyCommand {
  input: unknown;
  output: unknown;
  provider: string;
  model: string;
  policy_id?: string;
  policy_key?: string;
  task_id?: string;
  parent_id?: string;
  metadata?: Record<string, unknown>;
  /** The data subject the content is about: it is sealed under their key (else one of its own). */
  subject_id?: string;
}

interface PreparedCertification {
  id: string;
  tenantId: string;
  command: CertifyCommand;
  policy: PolicyRow;
  evaluation: PolicyEvaluation;
  inputHash: string;
  outputHash: string;
  /** SHA-256 of the canonical policy results, computed before the batch (outside the append lock). */
  policyResultsHash: string;
  actor: string;
  ip: string | null;
  userAgent: string | null;
  /** The stored output version: its id and the input and output sealed under the subject's key. */
  outputVersionId: string;
  sealed: SealedPersonalData;
  /** The request's Idempotency-Key, claimed and answered inside the batch's transaction. */
  idempotency: IdempotentWrite | undefined;
}

/** What the batch did with one item: appended it (its view as committed), or refused it alone. */
type BatchResult = { view: CertificationView } | { refused: unknown };

export interface CertificationView {
  id: string;
  number: string;
  status: string;
  task_id: string | null;
  parent_id: string | null;
  policy: { id: string; version: number; hash: string };
  input_hash: string;
  output_hash: string;
  provider: string;
  model: string;
  risk_score: number;
  policy_results: unknown;
  metadata: Record<string, unknown>;
  certificate: Record<string, unknown>;
  jws: string;
  key_id: string;
  expires_at: string | null;
  created_by: string | null;
  created_at: string;
}

type StatusKind = Exclude<CertificationEventKind, 'viewed'>;

export function toCertificationView(row: CertificationWithStatus): CertificationView {
  return {
    id: row.id,
    number: row.number,
    status: row.status,
    task_id: row.task_id,
    parent_id: row.parent_certification_id,
    policy: { id: row.policy_id, version: row.policy_version, hash: row.policy_hash.trim() },
    input_hash: row.input_hash.trim(),
    output_hash: row.output_hash.trim(),
    provider: row.provider,
    model: row.model,
    risk_score: row.risk_score,
    policy_results: row.policy_results,
    metadata: row.metadata,
    certificate: row.certificate,
    jws: row.jws,
    key_id: row.key_id,
    expires_at: row.expires_at?.toISOString() ?? null,
    created_by: row.created_by,
    created_at: row.created_at.toISOString(),
  };
}

function actorOf(principal: Principal | undefined): { type: string; id: string | null; label: string } {
  if (!principal) return { type: 'system', id: null, label: 'system' };
  return { type: principal.kind, id: principal.id, label: `${principal.kind}:${principal.id}` };
}

/** The output_version_sha256 a leaf of the certification carries (null when it has no stored version). */
function versionSha256(
  version: OutputVersionSource | undefined,
  certification: { input_hash: string; output_hash: string },
): string | null {
  if (!version) return null;
  return outputVersionSha256(
    version,
    version.sealed === null
      ? undefined
      : { input_sha256: certification.input_hash.trim(), output_sha256: certification.output_hash.trim() },
  );
}

/** Approval and rejection by someone other than the requester, unless the policy relaxes it. */
function requiresFourEyes(rules: PolicyRow['rules'] | undefined): boolean {
  return rules?.review?.four_eyes !== false;
}

/**
 * Certify, and the lifecycle of a certification. Certifications are group-committed: each request is
 * evaluated, hashed and validated on its own, then appended with others in one transaction that assigns
 * gap-free numbers and log indexes, signs the canonical certificate (JWS), time-stamps it (RFC 3161) and
 * appends its status event as a log leaf.
 */
export class CertificationsService {
  readonly repository: CertificationsRepository;
  private readonly policies: PoliciesRepository;
  private readonly committer: GroupCommitter<PreparedCertification, BatchResult>;

  constructor(
    private readonly db: AuditDatabase,
    private readonly keys: KeyStore,
    private readonly log: TransparencyLog,
    private readonly options: { origin: string; batchMax: number },
    private readonly subjects: SubjectKeys,
    private readonly erasure: SubjectErasure,
    private readonly publisher: StatusPublisher = new StatusPublisher(undefined),
  ) {
    this.repository = new CertificationsRepository(db);
    this.policies = new PoliciesRepository(db);
    // the batch serves many requests: it never joins the transaction of the one that started it
    this.committer = new GroupCommitter(
      (items) => this.db.detached(() => this.appendBatch(items)),
      options.batchMax,
    );
  }

  async certify(command: CertifyCommand): Promise<CertificationView> {
    const tenantId = RequestContext.tenantId();
    const policy = command.policy_id
      ? await this.policies.byId(command.policy_id)
      : command.policy_key
        ? await this.policies.latest(command.policy_key)
        : undefined;
    if (!command.policy_id && !command.policy_key) {
      throw AppException.validation([{ field: 'policy_id', message: 'policy_id or policy_key is required' }]);
    }
    if (!policy) throw AppException.notFound('Policy');
    if (command.parent_id && !(await this.repository.find(command.parent_id))) {
      throw AppException.notFound('Parent certification');
    }
    let inputHash: string;
    let outputHash: string;
    try {
      inputHash = canonicalSha256Hex(command.input);
      outputHash = canonicalSha256Hex(command.output);
    } catch (e) {
      throw AppException.validation([{ field: 'output', message: (e as Error).message }]);
    }
    const evaluation = evaluatePolicy(policy.rules, policy.thresholds, policy.version, {
      input: command.input,
      output: command.output,
      provider: command.provider,
      model: command.model,
      metadata: command.metadata ?? {},
    });
    const id = randomUUID();
    const outputVersionId = randomUUID();
    const subject = command.subject_id ?? certificationSubject(id);
    // the data key is found or created before the batch, outside the log's append lock
    const key = (await this.subjects.keysFor(this.db, tenantId, [subject])).get(subject)!;
    const sealed = sealPersonalData(key, subject, outputVersionId, {
      input: command.input,
      output: command.output,
    });
    const result = await this.committer.submit({
      id,
      outputVersionId,
      sealed,
      tenantId,
      command,
      policy,
      evaluation,
      inputHash,
      outputHash,
      policyResultsHash: canonicalSha256Hex(evaluation.results),
      actor: actorOf(RequestContext.principal()).label,
      ip: RequestContext.current()?.ip ?? null,
      userAgent: RequestContext.current()?.userAgent ?? null,
      idempotency: IdempotentWrite.current(),
    });
    if ('refused' in result) throw result.refused;
    issued.inc({ decision: evaluation.decision });
    this.publish(result.view, result.view.created_at);
    return result.view;
  }

  async get(id: string, recordView = true): Promise<CertificationView> {
    const row = await this.repository.find(id);
    if (!row) throw AppException.notFound('Certification');
    if (recordView) await this.recordView(id);
    return toCertificationView(row);
  }

  async list(filter: Parameters<CertificationsRepository['list']>[0]): Promise<CertificationWithStatus[]> {
    return this.repository.list(filter);
  }

  async versions(id: string): Promise<CertificationView[]> {
    const rows = await this.repository.versions(id);
    if (rows.length === 0) throw AppException.notFound('Certification');
    return rows.map(toCertificationView);
  }

  async audit(id: string): Promise<Record<string, unknown>[]> {
    if (!(await this.repository.find(id))) throw AppException.notFound('Certification');
    return (await this.repository.events(id)).map((e: CertificationEventRow) => ({
      id: e.id,
      event: e.kind,
      reason: e.reason,
      actor: { type: e.actor_type, id: e.actor_id },
      ip: e.ip,
      user_agent: e.user_agent,
      log_index: e.leaf_index === null ? null : Number(e.leaf_index),
      at: e.created_at.toISOString(),
    }));
  }

  revoke(id: string, reason: string): Promise<CertificationView> {
    return this.transition(id, 'revoked', ['certified', 'approved', 'pending_review'], reason);
  }

  /** Four-eyes: the requester may not approve (unless the policy sets `review.four_eyes: false`). */
  approve(id: string, reason: string | null): Promise<CertificationView> {
    return this.transition(id, 'approved', ['pending_review'], reason, { fourEyes: true });
  }

  /** Four-eyes: the requester may not reject (unless the policy sets `review.four_eyes: false`). */
  reject(id: string, reason: string | null): Promise<CertificationView> {
    return this.transition(id, 'rejected', ['pending_review'], reason, { fourEyes: true });
  }

  /** Appends `expired` events for valid certificates past their expiry (scheduled). */
  async appendExpiries(limit = 500): Promise<number> {
    const { rows } = await this.db.query<{ id: string; tenant_id: string }>(
      `SELECT c.id, c.tenant_id FROM certifications c
       CROSS JOIN LATERAL (SELECT kind FROM certification_events e WHERE e.certification_id = c.id
         AND e.kind <> 'viewed' ORDER BY e.created_at DESC, e.leaf_index DESC NULLS LAST LIMIT 1) s
       WHERE c.expires_at <= now() AND s.kind IN ('certified', 'approved') LIMIT $1`,
      [limit],
    );
    for (const row of rows) {
      await RequestContext.run({ tenantId: row.tenant_id }, () =>
        this.transition(row.id, 'expired', ['certified', 'approved'], 'expires_at reached').catch(
          () => undefined,
        ),
      );
    }
    return rows.length;
  }

  /**
   * A self-contained bundle (libs/verifier format) proving the latest logged status as of the latest
   * checkpoint: the leaf is the one the checkpoint's status map records for this certification, with the
   * map proof (so a later status change, even one committed while this runs, is never hidden).
   */
  async bundle(id: string, recordView = true): Promise<CertificateBundle> {
    const row = await this.repository.find(id);
    if (!row) throw AppException.notFound('Certification');
    const latest = await this.repository.latestLoggedEvent(id);
    if (!latest || latest.leaf_index === null)
      throw AppException.conflict('The certification has no log entry yet');
    await this.log.checkpointCovering(Number(latest.leaf_index));
    let status;
    try {
      status = await this.log.statusProof(id);
    } catch (e) {
      if (!(e instanceof AppException)) throw e;
      status = await this.log.statusProof(id); // a newer checkpoint was signed meanwhile
    }
    const entry = status.proof.leaf?.value;
    if (!entry || status.proof.leaf?.key !== status.proof.key) {
      throw new Error(`the status map at size ${status.size} has no entry for certification ${id}`);
    }
    const event = (await this.repository.events(id)).find((e) => Number(e.leaf_index) === entry.index);
    if (!event) throw new Error(`certification ${id} has no event at log index ${entry.index}`);
    const index = entry.index;
    const checkpoint = { size: status.size, note: status.checkpoint };
    const hashes = await this.log.inclusionProof(index, checkpoint.size);
    const publicKey = await this.keys.publicKey(row.key_id);
    const version = await this.repository.outputVersion(id);
    const content = await this.openContent(version);
    const leaf = certificationLeafEntry({
      event: { ...event, kind: event.kind as StatusKind },
      certification: row,
      outputVersionSha256: versionSha256(version, row),
    });
    if (recordView) await this.recordView(id);
    return {
      version: BUNDLE_VERSION,
      certificate: { jws: row.jws, payload: row.certificate },
      public_key: publicKey ?? { kty: 'unknown' },
      checkpoint: checkpoint.note,
      inclusion_proof: formatTlogProof({ index, hashes, checkpoint: checkpoint.note }),
      leaf,
      timestamp_token: row.timestamp_token.toString('base64'),
      status: { value: logStatusOf(event.kind as StatusKind), as_of_checkpoint_size: checkpoint.size },
      status_proof: status.proof,
      // omitted once erased: the certificate's input_hash and output_hash still identify the content
      ...(content ? { input: content.input, output: content.output } : {}),
    };
  }

  /**
   * The input and output of a stored version: clear ones as stored, sealed ones opened with their data
   * key; undefined once the key is erased (the bundle then carries only the certified hashes).
   */
  private async openContent(
    version: OutputVersionSource | undefined,
  ): Promise<{ input: unknown; output: unknown } | undefined> {
    if (!version) return undefined;
    if (version.sealed === null) return { input: version.input, output: version.output };
    if (!isSealedPersonalData(version.sealed)) return undefined;
    const key = (await this.subjects.keysById([version.sealed.key_id])).get(version.sealed.key_id);
    if (!key) return undefined;
    return openPersonalData(key, version.id, version.sealed) as { input: unknown; output: unknown };
  }

  /**
   * Crypto-shreds the stored input and output of one certification (its own data key), as a logged
   * erasure. Content sealed under a named data subject's key is erased with that subject.
   */
  async eraseContent(id: string): Promise<ErasureResult> {
    const row = await this.repository.find(id);
    if (!row) throw AppException.notFound('Certification');
    const version = await this.repository.outputVersion(id);
    if (!version || !isSealedPersonalData(version.sealed)) {
      throw AppException.conflict(
        `${row.number} was stored before outputs were sealed, so its content cannot be crypto-shredded`,
      );
    }
    if (version.sealed.subject_id !== certificationSubject(id)) {
      throw AppException.conflict(
        `The content of ${row.number} is sealed under the key of data subject ${version.sealed.subject_id}: erase that subject (POST /api/v1/subjects/{id}/erase)`,
      );
    }
    const held = await this.subjects.keysById([version.sealed.key_id]);
    if (!held.has(version.sealed.key_id)) {
      throw AppException.conflict(`The content of ${row.number} is already erased`);
    }
    return this.erasure.erase(version.sealed.subject_id, actorOf(RequestContext.principal()));
  }

  /** Server-side verification: the same checks as offline verification, against the service's trust. */
  async verify(id: string): Promise<BundleVerification & { status: string }> {
    const bundle = await this.bundle(id, false);
    const result = await verifyBundle(bundle, await this.keys.trustFile());
    const current = await this.repository.find(id);
    return { ...result, status: current?.status ?? bundle.status.value };
  }

  private async recordView(id: string): Promise<void> {
    const store = RequestContext.current();
    const actor = actorOf(store?.principal);
    await this.repository.insertEvents(this.db, [
      {
        id: randomUUID(),
        tenant_id: RequestContext.tenantId(),
        certification_id: id,
        kind: 'viewed',
        reason: null,
        actor_type: actor.type,
        actor_id: actor.id,
        ip: store?.ip ?? null,
        user_agent: store?.userAgent ?? null,
        leaf_index: null,
        leaf_version: CURRENT_LEAF_VERSION,
        created_at: new Date(),
      },
    ]);
  }

  private async transition(
    id: string,
    kind: StatusKind,
    from: StatusKind[],
    reason: string | null,
    options: { fourEyes?: boolean } = {},
  ): Promise<CertificationView> {
    const tenantId = RequestContext.tenantId();
    const store = RequestContext.current();
    const actor = actorOf(store?.principal);
    const at = await this.db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [LOG_APPEND_LOCK]);
      const row = await this.repository.find(id, tx);
      if (!row) throw AppException.notFound('Certification');
      if (!from.includes(row.status)) {
        throw AppException.conflict(`A ${row.status} certification cannot become ${kind}`);
      }
      if (options.fourEyes && row.created_by === actor.label) {
        const policy = await this.policies.byId(row.policy_id);
        if (requiresFourEyes(policy?.rules)) {
          throw AppException.forbidden(
            `Four-eyes rule: ${row.number} was requested by you, so another reviewer must ${kind === 'approved' ? 'approve' : 'reject'} it`,
          );
        }
      }
      const index = await this.log.nextIndex(tx);
      const version = await this.repository.outputVersion(id, tx);
      const event: NewCertificationEvent = {
        id: randomUUID(),
        tenant_id: tenantId,
        certification_id: id,
        kind,
        reason,
        actor_type: actor.type,
        actor_id: actor.id,
        ip: store?.ip ?? null,
        user_agent: store?.userAgent ?? null,
        leaf_index: index,
        leaf_version: CURRENT_LEAF_VERSION,
        created_at: new Date(),
      };
      await this.repository.insertEvents(tx, [event]);
      await this.log.insertLeaves(tx, index, [
        {
          sourceType: 'certification_event',
          sourceId: event.id,
          leafHash: certificationEventLeafHash({
            event: { ...event, kind },
            certification: row,
            outputVersionSha256: versionSha256(version, row),
          }),
        },
      ]);
      return event.created_at;
    });
    const view = await this.get(id, false);
    this.publish(view, at.toISOString());
    return view;
  }

  /**
   * After commit (of the request's transaction, when the write joined one: an Idempotency-Key request):
   * `certification.status_changed` on `private-certification.{id}` (never fails the caller).
   */
  private publish(view: CertificationView, at: string): void {
    this.db.afterCommit(() =>
      this.publisher.statusChanged({ id: view.id, number: view.number, status: view.status, at }),
    );
  }

  /**
   * One transaction per batch, under the log's append lock: (1) allocate, for every item, its gap-free
   * per-tenant number and its log index (two indexed MAX lookups, no crypto), (2) sign and time-stamp
   * every certificate of the batch concurrently (jose and the TSA sign through WebCrypto, whose jobs
   * run on libuv's threadpool, so the batch's signatures proceed in parallel instead of one after the
   * other), (3) append everything with four multi-row INSERTs, then COMMIT. The number stays inside the
   * signed payload, and a number is only ever allocated in the transaction that inserts its certificate,
   * so a failed signature rolls the whole batch back and leaves no gap.
   *
   * An item sent with an Idempotency-Key first claims its key in this transaction; one whose key another
   * request holds or has used (409, 422) is refused alone and the rest of the batch goes on. Its response
   * (the view built from the rows inserted here) is saved before COMMIT: the certification and the
   * stored response commit together or not at all.
   */
  private async appendBatch(batch: PreparedCertification[]): Promise<BatchResult[]> {
    const results = new Map<PreparedCertification, BatchResult>();
    await this.db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [LOG_APPEND_LOCK]);
      const sql = sqlOn(tx);
      const claimed = new Set<string>();
      const items: PreparedCertification[] = [];
      for (const item of batch) {
        const key = item.idempotency;
        if (key) {
          try {
            // the advisory lock is re-entrant in this transaction: a key twice in one batch is caught here
            if (claimed.has(key.id)) throw keyInUse();
            await key.claim(sql);
            claimed.add(key.id);
          } catch (refused) {
            results.set(item, { refused });
            continue;
          }
        }
        items.push(item);
      }
      if (items.length === 0) return;
      const start = await this.log.nextIndex(tx);
      const numbers = new Map<string, number>();
      const at = new Date();
      const drafts: { item: PreparedCertification; seq: number; payload: Record<string, unknown> }[] = [];
      for (const item of items) {
        const last = numbers.get(item.tenantId) ?? (await this.repository.maxNumber(item.tenantId, tx));
        const seq = last + 1;
        numbers.set(item.tenantId, seq);
        drafts.push({ item, seq, payload: this.certificatePayload(item, seq, at) });
      }
      const signed = await Promise.all(
        drafts.map(async ({ payload }) => {
          const { jws, kid } = await this.keys.signCertificate(canonicalBytes(payload));
          const token = await this.keys.timestamper.timestamp(utf8(jws));
          return { jws, kid, token };
        }),
      );
      const certifications: CertificationRow[] = [];
      const outputs: Parameters<CertificationsRepository['insertOutputs']>[1] = [];
      const events: NewCertificationEvent[] = [];
      const leaves: NewLeaf[] = [];
      drafts.forEach(({ item, seq, payload }, i) => {
        const { jws, kid, token } = signed[i];
        const { command, policy, evaluation } = item;
        const expiresAt = payload.expires_at ? new Date(payload.expires_at as string) : null;
        certifications.push({
          id: item.id,
          tenant_id: item.tenantId,
          number: payload.number as string,
          number_seq: seq,
          task_id: command.task_id ?? null,
          policy_id: policy.id,
          policy_version: policy.version,
          policy_hash: policy.rules_hash.trim(),
          input_hash: item.inputHash,
          output_hash: item.outputHash,
          provider: command.provider,
          model: command.model,
          risk_score: evaluation.risk_score,
          policy_results: evaluation.results,
          metadata: command.metadata ?? {},
          certificate: payload,
          jws,
          key_id: kid,
          timestamp_token: Buffer.from(token),
          parent_certification_id: command.parent_id ?? null,
          expires_at: expiresAt,
          created_by: item.actor,
          created_at: at,
        });
        const output = {
          id: item.outputVersionId,
          tenant_id: item.tenantId,
          certification_id: item.id,
          parent_certification_id: command.parent_id ?? null,
          input: null,
          output: null,
          sealed: item.sealed,
          created_at: at,
        };
        outputs.push(output);
        const [actorType, ...actorId] = item.actor.split(':');
        const event: NewCertificationEvent = {
          id: randomUUID(),
          tenant_id: item.tenantId,
          certification_id: item.id,
          kind: evaluation.decision,
          reason: evaluation.decision === 'certified' ? null : `risk ${evaluation.risk_score}`,
          actor_type: actorType,
          actor_id: actorId.join(':') || null,
          ip: item.ip,
          user_agent: item.userAgent,
          leaf_index: start + i,
          leaf_version: CURRENT_LEAF_VERSION,
          created_at: at,
        };
        events.push(event);
        leaves.push({
          sourceType: 'certification_event',
          sourceId: event.id,
          leafHash: certificationEventLeafHash({
            event: { ...event, kind: evaluation.decision },
            certification: certifications[certifications.length - 1],
            outputVersionSha256: outputVersionSha256(output, {
              input_sha256: item.inputHash,
              output_sha256: item.outputHash,
            }),
          }),
        });
      });
      await this.repository.insertCertifications(tx, certifications);
      await this.repository.insertOutputs(tx, outputs);
      await this.repository.insertEvents(tx, events);
      await this.log.insertLeaves(tx, start, leaves);
      for (const [i, item] of items.entries()) {
        const view = toCertificationView({ ...certifications[i], status: item.evaluation.decision });
        await item.idempotency?.save(sql, view);
        results.set(item, { view });
      }
    });
    return batch.map(
      (item) => results.get(item) ?? { refused: new Error('the batch did not process this item') },
    );
  }

  /** The canonical certificate content that is signed: everything, the gap-free number included. */
  private certificatePayload(item: PreparedCertification, seq: number, at: Date): Record<string, unknown> {
    const { command, policy, evaluation } = item;
    const expiresAt = policy.validity_days
      ? new Date(at.getTime() + policy.validity_days * 86_400_000)
      : null;
    return {
      certification_id: item.id,
      number: `RC-${at.getUTCFullYear()}-${String(seq).padStart(6, '0')}`,
      tenant_id: item.tenantId,
      task_id: command.task_id ?? null,
      parent_certification_id: command.parent_id ?? null,
      input_hash: item.inputHash,
      output_hash: item.outputHash,
      policy_id: policy.id,
      policy_key: policy.key,
      policy_version: policy.version,
      policy_version_hash: policy.rules_hash.trim(),
      provider: command.provider,
      model: command.model,
      decision: evaluation.decision,
      risk_score: evaluation.risk_score,
      policy_results_sha256: item.policyResultsHash,
      issuer: this.options.origin,
      issued_at: at.toISOString(),
      expires_at: expiresAt?.toISOString() ?? null,
    };
  }
}
