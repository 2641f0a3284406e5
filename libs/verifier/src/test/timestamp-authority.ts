/**
 * A minimal RFC 3161 time-stamp authority for tests: a self-signed ECDSA P-256 certificate with the
 * critical extended key usage timeStamping, and tokens (CMS SignedData over a TSTInfo) built with pkijs.
 */
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';

import { toBase64, toBufferSource } from '../encoding';
import { sha256 } from '../sha256';

const ECDSA_P256 = { name: 'ECDSA', namedCurve: 'P-256' };

export interface TestTimestampAuthority {
  certificatePem: string;
  /** DER TimeStampToken over SHA-256(data). */
  timestamp(data: Uint8Array, options?: { includeCertificate?: boolean; at?: Date }): Promise<Uint8Array>;
}

export async function createTestTimestampAuthority(name = 'Test TSA'): Promise<TestTimestampAuthority> {
  const keys = await crypto.subtle.generateKey(ECDSA_P256, true, ['sign', 'verify']);
  const certificate = new pkijs.Certificate();
  certificate.version = 2;
  certificate.serialNumber = new asn1js.Integer({ value: 1 });
  const cn = new pkijs.AttributeTypeAndValue({
    type: '2.5.4.3',
    value: new asn1js.Utf8String({ value: name }),
  });
  certificate.issuer.typesAndValues.push(cn);
  certificate.subject.typesAndValues.push(cn);
  certificate.notBefore.value = new Date(Date.now() - 86_400_000);
  certificate.notAfter.value = new Date(Date.now() + 365 * 86_400_000);
  certificate.extensions = [
    new pkijs.Extension({
      extnID: '2.5.29.37',
      critical: true,
      extnValue: new pkijs.ExtKeyUsage({ keyPurposes: ['1.3.6.1.5.5.7.3.8'] }).toSchema().toBER(false),
    }),
  ];
  await certificate.subjectPublicKeyInfo.importKey(keys.publicKey);
  await certificate.sign(keys.privateKey, 'SHA-256');
  const der = new Uint8Array(certificate.toSchema(true).toBER(false));
  const certificatePem = `-----BEGIN CERTIFICATE-----\n${toBase64(der).replace(/(.{64})/g, '$1\n')}\n-----END CERTIFICATE-----\n`;

  let serial = 1;
  return {
    certificatePem,
    async timestamp(data, { includeCertificate = true, at = new Date() } = {}) {
      const tstInfo = new pkijs.TSTInfo({
        version: 1,
        policy: '1.3.6.1.4.1.55555.1',
        messageImprint: new pkijs.MessageImprint({
          hashAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: '2.16.840.1.101.3.4.2.1' }),
          hashedMessage: new asn1js.OctetString({ valueHex: toBufferSource(sha256(data)).buffer }),
        }),
        serialNumber: new asn1js.Integer({ value: serial++ }),
        genTime: at,
      });
      const tstDer = tstInfo.toSchema().toBER(false);
      const signedData = new pkijs.SignedData({
        version: 3,
        encapContentInfo: new pkijs.EncapsulatedContentInfo({
          eContentType: '1.2.840.113549.1.9.16.1.4',
          eContent: new asn1js.OctetString({ valueHex: tstDer }),
        }),
        signerInfos: [
          new pkijs.SignerInfo({
            version: 1,
            sid: new pkijs.IssuerAndSerialNumber({
              issuer: certificate.issuer,
              serialNumber: certificate.serialNumber,
            }),
            signedAttrs: new pkijs.SignedAndUnsignedAttributes({
              type: 0,
              attributes: [
                new pkijs.Attribute({
                  type: '1.2.840.113549.1.9.3',
                  values: [new asn1js.ObjectIdentifier({ value: '1.2.840.113549.1.9.16.1.4' })],
                }),
                new pkijs.Attribute({
                  type: '1.2.840.113549.1.9.4',
                  values: [
                    new asn1js.OctetString({
                      valueHex: toBufferSource(sha256(new Uint8Array(tstDer))).buffer,
                    }),
                  ],
                }),
              ],
            }),
          }),
        ],
        certificates: includeCertificate ? [certificate] : undefined,
      });
      await signedData.sign(keys.privateKey, 0, 'SHA-256');
      const contentInfo = new pkijs.ContentInfo({
        contentType: '1.2.840.113549.1.7.2',
        content: signedData.toSchema(true),
      });
      return new Uint8Array(contentInfo.toSchema().toBER(false));
    },
  };
}
