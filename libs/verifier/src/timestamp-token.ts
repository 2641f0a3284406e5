/**
 * RFC 3161 time-stamp tokens: parsing, message-imprint check and CMS signature check (pkijs / asn1js,
 * which run on WebCrypto in Node and browsers).
 *
 * - RFC 3161 §2.4.2: a TimeStampToken is a CMS ContentInfo of SignedData (RFC 5652) whose encapsulated
 *   content, of type id-ct-TSTInfo (1.2.840.113549.1.9.16.1.4), is a TSTInfo carrying the messageImprint
 *   (hash algorithm and hash of the time-stamped data) and genTime. A TimeStampResp wrapping the token
 *   is accepted too.
 * - RFC 3161 §2.3: the TSA's certificate carries the extended key usage id-kp-timeStamping.
 */
import * as pkijs from 'pkijs';

import { bytesEqual, fromBase64, toBufferSource, toHex } from './encoding';
import { sha256 } from './sha256';

const ID_SIGNED_DATA = '1.2.840.113549.1.7.2';
const ID_CT_TST_INFO = '1.2.840.113549.1.9.16.1.4';
const ID_SHA256 = '2.16.840.1.101.3.4.2.1';
const ID_CE_EXT_KEY_USAGE = '2.5.29.37';
const ID_KP_TIME_STAMPING = '1.3.6.1.5.5.7.3.8';

/** What a token says, before any signature is checked. */
export interface TimestampTokenInfo {
  /** Time the TSA asserts the imprint existed. */
  genTime: Date;
  /** OID of the imprint's hash algorithm. */
  hashAlgorithm: string;
  hashedMessage: Uint8Array;
  /** TSA policy OID. */
  policy: string;
  /** Serial number, hex. */
  serialNumber: string;
}

/** A parsed token. */
export interface ParsedTimestampToken {
  info: TimestampTokenInfo;
  signedData: pkijs.SignedData;
}

/** Outcome of verifying a token for some data. */
export interface TimestampVerification {
  info: TimestampTokenInfo;
  /** The imprint is SHA-256 of the data. */
  imprintMatches: boolean;
  /** The CMS signature verified under a trusted TSA certificate; undefined when none was supplied. */
  signatureVerified?: boolean;
  /** Subject of the TSA certificate that signed, when known. */
  signer?: string;
  /** Why the signature did not verify, when it did not. */
  error?: string;
}

/** Parses a DER TimeStampToken (or TimeStampResp) and its TSTInfo. Throws on malformed input. */
export function parseTimestampToken(der: Uint8Array): ParsedTimestampToken {
  const contentInfo = contentInfoOf(der);
  if (contentInfo.contentType !== ID_SIGNED_DATA)
    throw new TypeError('time-stamp token is not CMS SignedData');
  const signedData = new pkijs.SignedData({ schema: contentInfo.content });
  const { eContentType, eContent } = signedData.encapContentInfo;
  if (eContentType !== ID_CT_TST_INFO || !eContent)
    throw new TypeError('time-stamp token does not carry a TSTInfo');
  const tstInfo = pkijs.TSTInfo.fromBER(eContent.getValue());
  return {
    signedData,
    info: {
      genTime: tstInfo.genTime,
      hashAlgorithm: tstInfo.messageImprint.hashAlgorithm.algorithmId,
      hashedMessage: new Uint8Array(tstInfo.messageImprint.hashedMessage.valueBlock.valueHexView),
      policy: dottedOid(tstInfo.policy),
      serialNumber: toHex(new Uint8Array(tstInfo.serialNumber.valueBlock.valueHexView)),
    },
  };
}

/**
 * asn1js prints an OID arc beyond 2^53 (the UUID arc 2.25.<128-bit integer>, ITU-T X.667) as `{hex}`, the
 * hex of its base-128 digits; this turns such arcs back into decimal.
 */
export function dottedOid(oid: string): string {
  return oid.replace(/\{([0-9a-f]+)\}/gi, (_, hex: string) => {
    let value = 0n;
    for (let i = 0; i < hex.length; i += 2) value = value * 128n + BigInt(parseInt(hex.slice(i, i + 2), 16));
    return value.toString();
  });
}

/** Parses PEM certificates (one or more per string). */
export function parseCertificatesPem(pems: readonly string[]): pkijs.Certificate[] {
  const blocks = pems.flatMap((pem) => [
    ...pem.matchAll(/-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/g),
  ]);
  return blocks.map((m) => pkijs.Certificate.fromBER(fromBase64(m[1].replace(/\s+/g, ''))));
}

/**
 * Verifies a token for `data`: the imprint must be SHA-256(data); when TSA certificates are given, the CMS
 * signature must verify and the signer must be one of them (or chain to one at genTime) and carry the
 * timeStamping extended key usage.
 */
export async function verifyTimestampToken(
  der: Uint8Array,
  data: Uint8Array,
  tsaCertificatesPem: readonly string[] = [],
): Promise<TimestampVerification> {
  const { info, signedData } = parseTimestampToken(der);
  const imprintMatches = info.hashAlgorithm === ID_SHA256 && bytesEqual(info.hashedMessage, sha256(data));
  if (tsaCertificatesPem.length === 0) return { info, imprintMatches };
  const trusted = parseCertificatesPem(tsaCertificatesPem);
  if (trusted.length === 0)
    return { info, imprintMatches, signatureVerified: false, error: 'no PEM certificate found' };
  const included = (signedData.certificates ?? []).filter(
    (c): c is pkijs.Certificate => c instanceof pkijs.Certificate,
  );
  // The token may omit the TSA certificate (certReq false): offer the trusted ones for the signer lookup.
  signedData.certificates = [...included, ...trusted];
  try {
    const params = { signer: 0, data: toBufferSource(data).buffer, extendedMode: true as const };
    const result = await signedData.verify({ ...params, checkChain: false });
    const signerCert = result.signerCertificate;
    if (!result.signatureVerified || !signerCert) throw new Error('signature does not verify');
    const pinned = trusted.some((t) => bytesEqual(derOf(t), derOf(signerCert)));
    if (!pinned) {
      // Not a trusted certificate itself: it must chain to one, checked at genTime.
      await signedData.verify({
        ...params,
        checkChain: true,
        trustedCerts: trusted,
        checkDate: info.genTime,
      });
    }
    if (!hasTimeStampingUsage(signerCert))
      throw new Error('TSA certificate lacks extended key usage timeStamping');
    const [from, to] = [signerCert.notBefore.value, signerCert.notAfter.value];
    if (info.genTime < from || info.genTime > to)
      throw new Error('TSA certificate was not valid at the token time');
    return { info, imprintMatches, signatureVerified: true, signer: subjectOf(signerCert) };
  } catch (e) {
    return { info, imprintMatches, signatureVerified: false, error: errorMessage(e) };
  }
}

function contentInfoOf(der: Uint8Array): pkijs.ContentInfo {
  const buffer = toBufferSource(der);
  try {
    return pkijs.ContentInfo.fromBER(buffer);
  } catch {
    const response = pkijs.TimeStampResp.fromBER(buffer);
    if (!response.timeStampToken) throw new TypeError('time-stamp response carries no token');
    return response.timeStampToken;
  }
}

function hasTimeStampingUsage(cert: pkijs.Certificate): boolean {
  const ext = cert.extensions?.find((e) => e.extnID === ID_CE_EXT_KEY_USAGE);
  const parsed = ext?.parsedValue as pkijs.ExtKeyUsage | undefined;
  return parsed?.keyPurposes?.includes(ID_KP_TIME_STAMPING) ?? false;
}

function derOf(cert: pkijs.Certificate): Uint8Array {
  return new Uint8Array(cert.toSchema(true).toBER(false));
}

const NAME_ATTRIBUTES: Record<string, string> = {
  '2.5.4.3': 'CN',
  '2.5.4.10': 'O',
  '2.5.4.11': 'OU',
  '2.5.4.6': 'C',
};

function subjectOf(cert: pkijs.Certificate): string {
  return cert.subject.typesAndValues
    .map(
      (tv) =>
        `${NAME_ATTRIBUTES[tv.type] ?? tv.type}=${String((tv.value.valueBlock as { value?: unknown }).value ?? '')}`,
    )
    .join(', ');
}

function errorMessage(e: unknown): string {
  if (e instanceof Error) return e.message;
  if (e && typeof e === 'object' && 'message' in e) return String((e as { message: unknown }).message);
  return String(e);
}
