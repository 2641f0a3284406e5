import { randomUUID } from 'node:crypto';
import { Counter } from 'prom-client';
import { AppException, getOrCreate, metricsRegistry, Principal, RequestContext } from '@oversing/platform';
import {
  BUNDLE_VERSION,
  type CertificateBundle,
  canonicalBytes,
  canonicalSha256Hex,
  formatTlogProof,
  jwsSha256,
  utf8,
  verifyBundle,
  type BundleVerification,
} from '@oversing/verifier';
import { AuditDatabase, LOG_APPEND_LOCK } from '../infrastructure/audit-database';
import { StatusPublisher } from '../events/status-publisher';
import { GroupCommitter } from '../infrastructure/group-commit';
import { KeyStore } from '../keys/key-store.service';
import { certificationEventLeafHash, CertificationEventKind, logStatusOf } from '../log/leaf-data';
import { NewLeaf, TransparencyLog } from '../log/transparency-log.service';
import { PoliciesRepository, PolicyRow } from '../policy/policies.repository';
import { evaluatePolicy, PolicyEvaluation } from '../policy/policy-engine';
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
}

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

/**
 * Certify, and the lifecycle of a certification. Certifications are group-committed: each request is
 * evaluated, hashed and validated on its own, then appended with others in one transaction that assigns
 * gap-free numbers and log indexes, signs the canonical certificate (JWS), time-stamps it (RFC 3161) and
 * appends its status event as a log leaf.
 */
export class CertificationsService {
  readonly repository: CertificationsRepository;
  private readonly policies: PoliciesRepository;
  private readonly committer: GroupCommitter<PreparedCertification, string>;

  constructor(
    private readonly db: AuditDatabase,
    private readonly keys: KeyStore,
    private readonly log: TransparencyLog,
    private readonly options: { origin: string; batchMax: number },
    private readonly publisher: StatusPublisher = new StatusPublisher(undefined),
  ) {
    this.repository = new CertificationsRepository(db);
    this.policies = new PoliciesRepository(db);
    this.committer = new GroupCommitter((items) => this.appendBatch(items), options.batchMax);
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
    const id = await this.committer.submit({
      id: randomUUID(),
      tenantId,
      command,
      policy,
      evaluation,
      inputHash,
      outputHash,
      policyResultsHash: canonicalSha256Hex(evaluation.results),
      actor: actorOf(RequestContext.principal()).label,
    });
    issued.inc({ decision: evaluation.decision });
    const view = await this.get(id, false);
    this.publish(view, view.created_at);
    return view;
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

  approve(id: string, reason: string | null): Promise<CertificationView> {
    return this.transition(id, 'approved', ['pending_review'], reason);
  }

  reject(id: string, reason: string | null): Promise<CertificationView> {
    return this.transition(id, 'rejected', ['pending_review'], reason);
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

  /** A self-contained bundle (libs/verifier format) proving the latest logged status. */
  async bundle(id: string, recordView = true): Promise<CertificateBundle> {
    const row = await this.repository.find(id);
    if (!row) throw AppException.notFound('Certification');
    const event = await this.repository.latestLoggedEvent(id);
    if (!event || event.leaf_index === null)
      throw AppException.conflict('The certification has no log entry yet');
    const index = Number(event.leaf_index);
    const checkpoint = await this.log.checkpointCovering(index);
    const hashes = await this.log.inclusionProof(index, checkpoint.size);
    const status = logStatusOf(event.kind as StatusKind);
    const publicKey = await this.keys.publicKey(row.key_id);
    const content = await this.repository.content(id);
    if (recordView) await this.recordView(id);
    return {
      version: BUNDLE_VERSION,
      certificate: { jws: row.jws, payload: row.certificate },
      public_key: publicKey ?? { kty: 'unknown' },
      checkpoint: checkpoint.note,
      inclusion_proof: formatTlogProof({ index, hashes, checkpoint: checkpoint.note }),
      leaf: {
        type: 'certification',
        certification_id: row.id,
        jws_sha256: jwsSha256(row.jws),
        status,
        at: event.created_at.toISOString(),
      },
      timestamp_token: row.timestamp_token.toString('base64'),
      status: { value: status, as_of_checkpoint_size: checkpoint.size },
      ...(content ? { input: content.input, output: content.output } : {}),
    };
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
        created_at: new Date(),
      },
    ]);
  }

  private async transition(
    id: string,
    kind: StatusKind,
    from: StatusKind[],
    reason: string | null,
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
      const index = await this.log.nextIndex(tx);
      const at = new Date();
      const eventId = randomUUID();
      await this.repository.insertEvents(tx, [
        {
          id: eventId,
          tenant_id: tenantId,
          certification_id: id,
          kind,
          reason,
          actor_type: actor.type,
          actor_id: actor.id,
          ip: store?.ip ?? null,
          user_agent: store?.userAgent ?? null,
          leaf_index: index,
          created_at: at,
        },
      ]);
      await this.log.insertLeaves(tx, index, [
        {
          sourceType: 'certification_event',
          sourceId: eventId,
          leafHash: certificationEventLeafHash({ certificationId: id, jws: row.jws, kind, at }),
        },
      ]);
      return at;
    });
    const view = await this.get(id, false);
    this.publish(view, at.toISOString());
    return view;
  }

  /** After commit: `certification.status_changed` on `private-certification.{id}` (never fails the caller). */
  private publish(view: CertificationView, at: string): void {
    this.publisher.statusChanged({ id: view.id, number: view.number, status: view.status, at });
  }

  /**
   * One transaction per batch, under the log's append lock: (1) allocate, for every item, its gap-free
   * per-tenant number and its log index (two indexed MAX lookups, no crypto), (2) sign and time-stamp
   * every certificate of the batch concurrently (jose and the TSA sign through WebCrypto, whose jobs
   * run on libuv's threadpool, so the batch's signatures proceed in parallel instead of one after the
   * other), (3) append everything with four multi-row INSERTs, then COMMIT. The number stays inside the
   * signed payload, and a number is only ever allocated in the transaction that inserts its certificate,
   * so a failed signature rolls the whole batch back and leaves no gap.
   */
  private async appendBatch(items: PreparedCertification[]): Promise<string[]> {
    await this.db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [LOG_APPEND_LOCK]);
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
          const token = await this.keys.timestampAuthority.timestamp(utf8(jws), at);
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
        outputs.push({
          id: randomUUID(),
          tenant_id: item.tenantId,
          certification_id: item.id,
          parent_certification_id: command.parent_id ?? null,
          input: command.input,
          output: command.output,
          created_at: at,
        });
        const eventId = randomUUID();
        const [actorType, ...actorId] = item.actor.split(':');
        events.push({
          id: eventId,
          tenant_id: item.tenantId,
          certification_id: item.id,
          kind: evaluation.decision,
          reason: evaluation.decision === 'certified' ? null : `risk ${evaluation.risk_score}`,
          actor_type: actorType,
          actor_id: actorId.join(':') || null,
          ip: null,
          user_agent: null,
          leaf_index: start + i,
          created_at: at,
        });
        leaves.push({
          sourceType: 'certification_event',
          sourceId: eventId,
          leafHash: certificationEventLeafHash({
            certificationId: item.id,
            jws,
            kind: evaluation.decision,
            at,
          }),
        });
      });
      await this.repository.insertCertifications(tx, certifications);
      await this.repository.insertOutputs(tx, outputs);
      await this.repository.insertEvents(tx, events);
      await this.log.insertLeaves(tx, start, leaves);
    });
    return items.map((i) => i.id);
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
