import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { bytesEqual, parseTimestampToken, sha256 } from '@oversing/verifier';
import { randomPositiveSerial, TimeStamper } from './timestamp-authority';

const ID_SHA256 = '2.16.840.1.101.3.4.2.1';
/** PKIStatus granted (0) and grantedWithMods (1), RFC 3161 §2.4.2. */
const GRANTED = [0, 1];

/** Raised when the external TSA does not answer with a usable token. */
export class TimestampAuthorityError extends Error {
  override name = 'TimestampAuthorityError';
}

/**
 * An external RFC 3161 time-stamp authority reached over HTTP (RFC 3161 §3.4: POST
 * application/timestamp-query, answer application/timestamp-reply), configured with TSA_URL. Each request
 * carries a random nonce and asks for the TSA certificate; the answer must be granted, for our imprint and
 * our nonce. Its certificate (TSA_CERTIFICATE_FILE) goes in the trust file, so verifiers check the token
 * against the authority's own key, not ours.
 */
export class RemoteTimestampAuthority implements TimeStamper {
  constructor(
    private readonly url: string,
    private readonly timeoutMs = 10_000,
  ) {}

  async timestamp(data: Uint8Array): Promise<Uint8Array> {
    const imprint = sha256(data);
    const nonce = randomPositiveSerial();
    const request = new pkijs.TimeStampReq({
      version: 1,
      messageImprint: new pkijs.MessageImprint({
        hashAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: ID_SHA256 }),
        hashedMessage: new asn1js.OctetString({ valueHex: imprint.slice().buffer }),
      }),
      nonce: new asn1js.Integer({ valueHex: nonce }),
      certReq: true,
    });
    let response: Response;
    try {
      response = await fetch(this.url, {
        method: 'POST',
        headers: { 'content-type': 'application/timestamp-query', accept: 'application/timestamp-reply' },
        body: new Uint8Array(request.toSchema().toBER(false)),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (e) {
      throw new TimestampAuthorityError(`TSA ${this.url} unreachable: ${(e as Error).message}`);
    }
    if (!response.ok) throw new TimestampAuthorityError(`TSA ${this.url} answered HTTP ${response.status}`);
    const reply = pkijs.TimeStampResp.fromBER(await response.arrayBuffer());
    const status = reply.status.status;
    if (!GRANTED.includes(status) || !reply.timeStampToken) {
      const text = reply.status.statusStrings?.map((s) => s.valueBlock.value).join('; ') ?? '';
      throw new TimestampAuthorityError(
        `TSA ${this.url} refused (status ${status}${text ? `: ${text}` : ''})`,
      );
    }
    const token = new Uint8Array(reply.timeStampToken.toSchema().toBER(false));
    const parsed = parseTimestampToken(token);
    if (parsed.info.hashAlgorithm !== ID_SHA256 || !bytesEqual(parsed.info.hashedMessage, imprint)) {
      throw new TimestampAuthorityError(`TSA ${this.url} answered for another message imprint`);
    }
    const tstInfo = pkijs.TSTInfo.fromBER(parsed.signedData.encapContentInfo.eContent!.getValue());
    const echoed = tstInfo.nonce ? new Uint8Array(tstInfo.nonce.valueBlock.valueHexView) : undefined;
    if (!echoed || !bytesEqual(stripZeros(echoed), stripZeros(new Uint8Array(nonce)))) {
      throw new TimestampAuthorityError(`TSA ${this.url} did not echo the request nonce`);
    }
    return token;
  }
}

function stripZeros(bytes: Uint8Array): Uint8Array {
  let i = 0;
  while (i < bytes.length - 1 && bytes[i] === 0) i++;
  return bytes.subarray(i);
}
