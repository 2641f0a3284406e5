/**
 * Signed key-rotation statements, so that a verifier holding an older trust file can follow the chain to
 * a newer one without trusting whoever hands it over.
 *
 * A statement is a compact JWS signed by the previous certificate key (header {alg, kid: previous kid,
 * typ: 'runcible-key-rotation+jws'}) whose payload is the RFC 8785 canonical JSON of
 *
 *     { "type": "runcible-key-rotation", "purpose": "certificate",
 *       "previous_kid": "<kid>", "next_kid": "<kid>", "next_key": <public JWK>, "at": "<RFC 3339>" }
 *
 * where next_kid is the RFC 7638 SHA-256 thumbprint of next_key.
 */
import { calculateJwkThumbprint, compactVerify, importJWK, type JWK } from 'jose';

import type { PublicJwk, TrustFile } from './bundle';
import { canonicalize } from './canonical-json';
import { fromUtf8 } from './encoding';

export const KEY_ROTATION_TYPE = 'runcible-key-rotation';

export interface KeyRotationPayload {
  type: typeof KEY_ROTATION_TYPE;
  purpose: 'certificate';
  previous_kid: string;
  next_kid: string;
  next_key: PublicJwk;
  at: string;
}

/** The canonical payload bytes a previous key signs to endorse `nextKey`. */
export async function keyRotationPayload(
  previousKid: string,
  nextKey: PublicJwk,
  at: Date,
): Promise<KeyRotationPayload> {
  return {
    type: KEY_ROTATION_TYPE,
    purpose: 'certificate',
    previous_kid: previousKid,
    next_kid: await calculateJwkThumbprint(nextKey as JWK, 'sha256'),
    next_key: nextKey,
    at: at.toISOString(),
  };
}

/**
 * Verifies one statement under `previousKey` and returns what it endorses. Throws when the signature, the
 * payload's form or the thumbprint is wrong.
 */
export async function verifyKeyRotation(
  statement: string,
  previousKey: PublicJwk,
): Promise<KeyRotationPayload> {
  const alg = previousKey.alg;
  if (!alg) throw new Error('the previous key names no algorithm');
  const { payload } = await compactVerify(statement, await importJWK(previousKey as JWK, alg), {
    algorithms: [alg],
  });
  const text = fromUtf8(payload);
  const parsed = JSON.parse(text) as KeyRotationPayload;
  if (text !== canonicalize(parsed)) throw new Error('the statement is not canonical JSON');
  if (parsed.type !== KEY_ROTATION_TYPE || parsed.purpose !== 'certificate') {
    throw new Error('not a certificate key-rotation statement');
  }
  const previousKid = await calculateJwkThumbprint(previousKey as JWK, 'sha256');
  if (parsed.previous_kid !== previousKid) throw new Error('the statement names another previous key');
  if ((await calculateJwkThumbprint(parsed.next_key as JWK, 'sha256')) !== parsed.next_kid) {
    throw new Error('next_kid is not the thumbprint of next_key');
  }
  return parsed;
}

export interface TrustUpdate {
  ok: boolean;
  /** Certificate keys of the new file that the pinned one did not have, each reached by a signed chain. */
  endorsed: string[];
  problems: string[];
}

/**
 * Whether a verifier that pinned `pinned` may accept `candidate`: the same log (origin and key: the log key
 * does not rotate), and every certificate key `candidate` adds is endorsed, through its rotation
 * statements, by a chain that starts at a key of `pinned`.
 */
export async function acceptTrustUpdate(pinned: TrustFile, candidate: TrustFile): Promise<TrustUpdate> {
  const problems: string[] = [];
  if (pinned.log.origin !== candidate.log.origin) problems.push('the log origin differs');
  if (pinned.log.verifier_key !== candidate.log.verifier_key) problems.push('the log key differs');
  const trusted = new Map<string, PublicJwk>();
  for (const key of pinned.certificate_keys) {
    trusted.set(await calculateJwkThumbprint(key as JWK, 'sha256'), key);
  }
  const added = new Map<string, PublicJwk>();
  for (const key of candidate.certificate_keys) {
    const kid = await calculateJwkThumbprint(key as JWK, 'sha256');
    if (!trusted.has(kid)) added.set(kid, key);
  }
  const endorsed: string[] = [];
  let progress = true;
  while (added.size > 0 && progress) {
    progress = false;
    for (const rotation of candidate.rotations ?? []) {
      const previous = trusted.get(rotation.previous);
      const next = added.get(rotation.next);
      if (!previous || !next) continue;
      try {
        const statement = await verifyKeyRotation(rotation.statement, previous);
        if (statement.next_kid !== rotation.next) throw new Error('the statement endorses another key');
        trusted.set(rotation.next, next);
        added.delete(rotation.next);
        endorsed.push(rotation.next);
        progress = true;
      } catch (e) {
        problems.push(`rotation ${rotation.previous} -> ${rotation.next}: ${(e as Error).message}`);
      }
    }
  }
  for (const kid of added.keys()) problems.push(`certificate key ${kid} is not endorsed by a pinned key`);
  return { ok: problems.length === 0, endorsed, problems };
}
