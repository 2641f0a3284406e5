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
  /** Runcible's TSA policy (private arc, documented in docs). */
  policy: '1.3.6.1.4.1.55555.1.1',
};

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
  certificate.serialNumber = new asn1js.Integer({
    valueHex: crypto.getRandomValues(new Uint8Array(8)).buffer,
  });
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
export class TimestampAuthority {
  private serial = BigInt(Date.now()) * 1000n;

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

  /** DER TimeStampToken over SHA-256(data). */
  async timestamp(data: Uint8Array, at = new Date()): Promise<Uint8Array> {
    this.serial += 1n;
    const tstInfo = new pkijs.TSTInfo({
      version: 1,
      policy: OID.policy,
      messageImprint: new pkijs.MessageImprint({
        hashAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: OID.sha256 }),
        hashedMessage: new asn1js.OctetString({ valueHex: bufferOf(sha256(data)) }),
      }),
      serialNumber: new asn1js.Integer({ valueHex: bigintBytes(this.serial) }),
      genTime: at,
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

function bigintBytes(value: bigint): ArrayBuffer {
  let hex = value.toString(16);
  if (hex.length % 2) hex = `0${hex}`;
  if (parseInt(hex.slice(0, 2), 16) >= 0x80) hex = `00${hex}`;
  return bufferOf(new Uint8Array(Buffer.from(hex, 'hex')));
}
