import { createHash } from 'node:crypto';
import { calculateJwkThumbprint, EmbeddedJWK, errors, jwtVerify, type JWK } from 'jose';

/** How an access token reached a resource server: its scheme, the DPoP proof header and the request. */
export interface PresentedToken {
  token: string;
  scheme: 'bearer' | 'dpop';
  /** the `DPoP` request header, if any */
  proof?: string;
  method: string;
  /** the request's URL as the client addressed it (scheme, host, path; the query is ignored) */
  url: string;
}

export class InvalidDpopProofError extends Error {}

/** Proofs are accepted for this long after their `iat` (RFC 9449 §11.1: a short window). */
const PROOF_MAX_AGE_SECONDS = 60;
const CLOCK_TOLERANCE_SECONDS = 5;
const ALGORITHMS = ['ES256', 'EdDSA', 'Ed25519'];

/**
 * The `jti` of every proof seen in its window, so a captured proof cannot be replayed (RFC 9449 §11.1).
 * Per process: another replica would accept a copy within the 60-second window, for the same method and
 * URL only, and only together with the access token it is bound to.
 */
const seenProofs = new Map<string, number>();

function remember(jti: string, nowSeconds: number): boolean {
  for (const [id, expiry] of seenProofs) {
    if (expiry > nowSeconds) break;
    seenProofs.delete(id);
  }
  if (seenProofs.has(jti)) return false;
  seenProofs.set(jti, nowSeconds + PROOF_MAX_AGE_SECONDS + CLOCK_TOLERANCE_SECONDS);
  return true;
}

function withoutQuery(url: string): string {
  const parsed = new URL(url);
  return `${parsed.origin}${parsed.pathname}`;
}

/**
 * Checks a DPoP proof for a DPoP-bound access token (RFC 9449 §4.3 and §7.1): a `dpop+jwt` signed by the
 * public key in its header, that key's thumbprint equal to the token's `cnf.jkt`, fresh, for this method
 * and URL, carrying the hash of this access token, and not seen before.
 */
export async function verifyDpopProof(presented: PresentedToken, jkt: string): Promise<void> {
  if (presented.scheme !== 'dpop')
    throw new InvalidDpopProofError('a DPoP-bound token sent as a bearer token');
  if (!presented.proof) throw new InvalidDpopProofError('no DPoP proof');
  let payload: Record<string, unknown>;
  let jwk: JWK;
  try {
    const result = await jwtVerify(presented.proof, EmbeddedJWK, {
      typ: 'dpop+jwt',
      algorithms: ALGORITHMS,
      maxTokenAge: PROOF_MAX_AGE_SECONDS,
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
      requiredClaims: ['iat', 'jti', 'htm', 'htu', 'ath'],
    });
    payload = result.payload;
    jwk = result.protectedHeader.jwk!;
  } catch (error) {
    if (error instanceof errors.JOSEError) throw new InvalidDpopProofError(error.code);
    throw new InvalidDpopProofError('unreadable DPoP proof');
  }
  if ((await calculateJwkThumbprint(jwk, 'sha256')) !== jkt)
    throw new InvalidDpopProofError('the proof is signed by another key than the token is bound to');
  if (payload.htm !== presented.method.toUpperCase())
    throw new InvalidDpopProofError('the proof is for another method');
  let htu: string;
  try {
    htu = withoutQuery(String(payload.htu));
  } catch {
    throw new InvalidDpopProofError('the proof has no valid htu');
  }
  if (htu !== withoutQuery(presented.url)) throw new InvalidDpopProofError('the proof is for another URL');
  const ath = createHash('sha256').update(presented.token).digest('base64url');
  if (payload.ath !== ath) throw new InvalidDpopProofError('the proof is for another access token');
  if (typeof payload.jti !== 'string' || !remember(payload.jti, Math.floor(Date.now() / 1000)))
    throw new InvalidDpopProofError('the proof was already used');
}
