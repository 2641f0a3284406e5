import { base64url, exportJWK, SignJWT } from 'jose';

/**
 * DPoP proofs (RFC 9449 §4) for requests to the resource servers, signed by jose with the installation's
 * non-extractable key. (oauth4webapi adds the proofs of token-endpoint requests itself.)
 */
export async function dpopProof(
  keyPair: CryptoKeyPair,
  method: string,
  url: string,
  accessToken: string,
): Promise<string> {
  const target = new URL(url);
  const jwk = await exportJWK(keyPair.publicKey);
  const ath = base64url.encode(
    new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(accessToken))),
  );
  return new SignJWT({ htm: method.toUpperCase(), htu: `${target.origin}${target.pathname}`, ath })
    .setProtectedHeader({
      alg: 'ES256',
      typ: 'dpop+jwt',
      jwk: { kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y },
    })
    .setIssuedAt()
    .setJti(crypto.randomUUID())
    .sign(keyPair.privateKey);
}
