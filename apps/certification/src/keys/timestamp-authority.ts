import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { sha256, toBase64 } from '@oversing/verifier';

const ECDSA_P256 = { name: 'ECDSA', namedCurve: 'P-256' };
const OID = {
  commonName: '2.5.4.3',
  extKeyUsage: '2.5.29.37',
  timeStamping: '1.3.6.1.5.5.7.3.8',
  basicConstraints: '2.5.29.19',
  sha256: '2.16.840.1.101.3.4.2.1',
  tstInfo: '1.2.840.113549.1.9.16.1.4',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  signedData: '1.2.840.113549.1.7.2',
};

/**
 * The built-in TSA's policy OID (RFC 3161 §2.4.2 `policy`): an OID under the UUID arc 2.25 (ITU-T X.667,
 * no registration needed) naming "Runcible built-in TSA policy v1", documented in docs/VERIFYING.md:
 * genTime is the TSA host's clock when the token is signed, accuracy ±1 s, SHA-256 imprints only, serial
 * numbers are 127-bit random positive integers, the TSA certificate is self-signed and pinned by the trust file.
 * UUID 1a179171-2eea-4fdd-baa5-21f2e574bb3d.
 */
export const RUNCIBLE_TSA_POLICY_OID = '2.25.34682300634848583585740281974095133501';

/** Something that time-stamps data (RFC 3161): the built-in TSA or an external one (TSA_URL). */
export interface TimeStamper {
  /** DER TimeStampToken over SHA-256(data). */
  timestamp(data: Uint8Array): Promise<Uint8Array>;
}

/**
 * A positive, unique serial number (RFC 5280 §4.1.2.2, RFC 3161 §2.4.2): 16 random bytes whose first byte
 * is in 0x40..0x7f, so the DER INTEGER is positive, minimally encoded and 127 bits long, whatever the
 * replica or process that draws it (collisions have probability ~2^-63 after 2^32 tokens).
 */
export function randomPositiveSerial(): ArrayBuffer {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[0] = (bytes[0] & 0x3f) | 0x40;
  return bufferOf(bytes);
}

/** Whether a PEM certificate's serial number is negative or zero (RFC 5280 forbids both). */
export function hasInvalidSerial(certificatePem: string): boolean {
  const certificate = pkijs.Certificate.fromBER(bufferOf(fromPem(certificatePem)));
  const bytes = new Uint8Array(certificate.serialNumber.valueBlock.valueHexView);
  return bytes.length === 0 || bytes[0] >= 0x80 || bytes.every((b) => b === 0);
}

export interface GeneratedTsa {
  certificatePem: string;
  /** PKCS#8 DER of the private key. */
  privateKeyPkcs8: Uint8Array;
  publicJwk: JsonWebKey;
}

/** Creates a TSA key and a self-signed certificate with the critical extended key usage timeStamping. */
export async function generateTimestampAuthority(name: string): Promise<GeneratedTsa> {
  const keys = await crypto.subtle.generateKey(ECDSA_P256, true, ['sign', 'verify']);
  const certificate = new pkijs.Certificate();
  certificate.version = 2;
  certificate.serialNumber = new asn1js.Integer({ valueHex: randomPositiveSerial() });
  const cn = new pkijs.AttributeTypeAndValue({
    type: OID.commonName,
    value: new asn1js.Utf8String({ value: name }),
  });
  certificate.issuer.typesAndValues.push(cn);
  certificate.subject.typesAndValues.push(cn);
  certificate.notBefore.value = new Date(Date.now() - 3600_000);
  certificate.notAfter.value = new Date(Date.now() + 10 * 365 * 86_400_000);
  certificate.extensions = [
    new pkijs.Extension({
      extnID: OID.extKeyUsage,
      critical: true,
      extnValue: new pkijs.ExtKeyUsage({ keyPurposes: [OID.timeStamping] }).toSchema().toBER(false),
    }),
  ];
  await certificate.subjectPublicKeyInfo.importKey(keys.publicKey);
  await certificate.sign(keys.privateKey, 'SHA-256');
  const der = new Uint8Array(certificate.toSchema(true).toBER(false));
  return {
    certificatePem: pem('CERTIFICATE', der),
    privateKeyPkcs8: new Uint8Array(await crypto.subtle.exportKey('pkcs8', keys.privateKey)),
    publicJwk: await crypto.subtle.exportKey('jwk', keys.publicKey),
  };
}

/**
 * The built-in RFC 3161 time-stamp authority: TimeStampTokens (CMS SignedData over a TSTInfo, SHA-256,
 * ESS signingCertificateV2, the TSA certificate included) for SHA-256 of the given data.
 */
export class TimestampAuthority implements TimeStamper {
  private constructor(
    private readonly certificate: pkijs.Certificate,
    private readonly certificateDer: Uint8Array,
    private readonly privateKey: CryptoKey,
  ) {}

  static async load(certificatePem: string, privateKeyPkcs8: Uint8Array): Promise<TimestampAuthority> {
    const der = fromPem(certificatePem);
    const certificate = pkijs.Certificate.fromBER(bufferOf(der));
    const privateKey = await crypto.subtle.importKey('pkcs8', bufferOf(privateKeyPkcs8), ECDSA_P256, false, [
      'sign',
    ]);
    return new TimestampAuthority(certificate, der, privateKey);
  }

  /** DER TimeStampToken over SHA-256(data); genTime is this host's clock now, not the caller's time. */
  async timestamp(data: Uint8Array): Promise<Uint8Array> {
    const tstInfo = new pkijs.TSTInfo({
      version: 1,
      policy: RUNCIBLE_TSA_POLICY_OID,
      messageImprint: new pkijs.MessageImprint({
        hashAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: OID.sha256 }),
        hashedMessage: new asn1js.OctetString({ valueHex: bufferOf(sha256(data)) }),
      }),
      serialNumber: new asn1js.Integer({ valueHex: randomPositiveSerial() }),
      genTime: new Date(),
      accuracy: new pkijs.Accuracy({ seconds: 1 }),
    });
    const tstDer = tstInfo.toSchema().toBER(false);
    // SigningCertificateV2 { certs: [ESSCertIDv2 { certHash: SHA-256(certificate) }] } (RFC 5035).
    const essCertIdV2 = new asn1js.Sequence({
      value: [
        new asn1js.Sequence({
          value: [
            new asn1js.Sequence({
              value: [new asn1js.OctetString({ valueHex: bufferOf(sha256(this.certificateDer)) })],
            }),
          ],
        }),
      ],
    });
    const signedData = new pkijs.SignedData({
      version: 3,
      encapContentInfo: new pkijs.EncapsulatedContentInfo({
        eContentType: OID.tstInfo,
        eContent: new asn1js.OctetString({ valueHex: tstDer }),
      }),
      signerInfos: [
        new pkijs.SignerInfo({
          version: 1,
          sid: new pkijs.IssuerAndSerialNumber({
            issuer: this.certificate.issuer,
            serialNumber: this.certificate.serialNumber,
          }),
          signedAttrs: new pkijs.SignedAndUnsignedAttributes({
            type: 0,
            attributes: [
              new pkijs.Attribute({
                type: OID.contentType,
                values: [new asn1js.ObjectIdentifier({ value: OID.tstInfo })],
              }),
              new pkijs.Attribute({
                type: OID.messageDigest,
                values: [new asn1js.OctetString({ valueHex: bufferOf(sha256(new Uint8Array(tstDer))) })],
              }),
              new pkijs.Attribute({ type: OID.signingCertificateV2, values: [essCertIdV2] }),
            ],
          }),
        }),
      ],
      certificates: [this.certificate],
    });
    await signedData.sign(this.privateKey, 0, 'SHA-256');
    const contentInfo = new pkijs.ContentInfo({
      contentType: OID.signedData,
      content: signedData.toSchema(true),
    });
    return new Uint8Array(contentInfo.toSchema().toBER(false));
  }
}

export function pem(label: string, der: Uint8Array): string {
  return `-----BEGIN ${label}-----\n${toBase64(der)
    .replace(/(.{64})/g, '$1\n')
    .replace(/\n$/, '')}\n-----END ${label}-----\n`;
}

function fromPem(text: string): Uint8Array {
  return new Uint8Array(Buffer.from(text.replace(/-----[^-]+-----/g, '').replace(/\s+/g, ''), 'base64'));
}

function bufferOf(bytes: Uint8Array): ArrayBuffer {
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}
