import { describe, expect, it } from 'vitest';

import { fromBase64, utf8 } from './encoding';
import { createTestTimestampAuthority } from './test/timestamp-authority';
import { dottedOid, parseTimestampToken, verifyTimestampToken } from './timestamp-token';

// A token and a full response made by `openssl ts -reply` (OpenSSL 3.0, RSA-2048 TSA key, SHA-256, ESS
// signing-certificate v2) for the data below, with the TSA's self-signed certificate: an interoperability
// known answer for tokens from an external TSA.
const OPENSSL_DATA = 'eyJhbGciOiJFUzI1NiJ9.e30.sig';
const OPENSSL_TOKEN = [
  'MIIFxQYJKoZIhvcNAQcCoIIFtjCCBbICAQMxDzANBglghkgBZQMEAgEFADBzBgsqhkiG9w0BCRABBKBkBGIwYAIBAQYEKgMEATAx',
  'MA0GCWCGSAFlAwQCAQUABCA4lJ1xLouBU7Aku8zkQP/a+/eacwxbAKodRD7640MIXwIBAhgPMjAyNjExMjMxNzA1MjZaMAMCAQEC',
  'CQDvpoSLqA51ZaCCAxwwggMYMIICAKADAgECAhRMaZ8NB8SU61N0LYWbpBphpKKC/DANBgkqhkiG9w0BAQsFADAbMRkwFwYDVQQD',
  'DBBPcGVuU1NMIFRlc3QgVFNBMB4XDTI2MTEyMzE3MDUyNloXDTI2MTIyMzE3MDUyNlowGzEZMBcGA1UEAwwQT3BlblNTTCBUZXN0',
  'IFRTQTCCASIwDQYJKoZIhvcNAQEBBQADggEPADCCAQoCggEBAMomAvCwudrkg4w2OEdMESI4hKKxidqJZ2sclMBMPQlZjAOefAlq',
  'wSKLyLc8VSoQn8FVjYfOqqhbyciFO84s9O6A1u6F4mnVje3+Z3bKXKjrG93Ly3r6wvWUNsnIeWCHTHINglLfgv/U8btYHUW5vkr6',
  'nXsDXkoMR4iileYgb+1RlDVR7xChRM9uUrPo3MV1YSf37MqVj29aphfZLyK/lgijF0NcLtOndp7d1O4fSYc+FqhhJ9CZNpOs48r0',
  '+zmMQ0y7cODn6sx+hAywSnkAc9Iz2oI0k1xSShHpz5vh6vVQDazjmDAa3STn0lnNxrJSOlkF7rCMwryxiCDPtjpS4TECAwEAAaNU',
  'MFIwCQYDVR0TBAIwADAWBgNVHSUBAf8EDDAKBggrBgEFBQcDCDAOBgNVHQ8BAf8EBAMCB4AwHQYDVR0OBBYEFJbc/yC8a8TGXJ+q',
  'JiKCSJhRL8pWMA0GCSqGSIb3DQEBCwUAA4IBAQAVanYQEpb7QX3gPArblYSkq17ISe53wPQ8AkOfvWvAmzX5YeZYdYmSfn6YqtGx',
  'rK/4AVTCs1faAZJpGBjSGNo+ClUEe/9KixgnBlmArxSQo39yf0ioVNUA+IVYpprLKCVJGdwmwBAt23gqPzUqCbEOnt960BL/ytPm',
  'Wu2LK++5H6j6kMFPJMyC6+f7Tj/e4tAsA4XEXgXd0a0OzjyBSZrBk4eW4CbKw5YQFPzPVy9VuSLPmFpGEQ7+VxAoLZDyJL4dJi5W',
  'S6dyy1UmTfyuz/grPumOBj24h7ydW+ZOezZNSnUiusIy1byww/ZdigbFnWTQQ+cm2T7fOT3xc3fPTXGIMYICBTCCAgECAQEwMzAb',
  'MRkwFwYDVQQDDBBPcGVuU1NMIFRlc3QgVFNBAhRMaZ8NB8SU61N0LYWbpBphpKKC/DANBglghkgBZQMEAgEFAKCBpDAaBgkqhkiG',
  '9w0BCQMxDQYLKoZIhvcNAQkQAQQwHAYJKoZIhvcNAQkFMQ8XDTI2MTEyMzE3MDUyNlowLwYJKoZIhvcNAQkEMSIEIM/hSGPYtg8q',
  'uLiUM5njNpLtdPTRovheP+eRtcFsgmhGMDcGCyqGSIb3DQEJEAIvMSgwJjAkMCIEIIxtAVbpakiyl4UHkki5UkTUiG2dY0D2s2M9',
  '0xYC5zmDMA0GCSqGSIb3DQEBAQUABIIBAFSyhqDVjr5vOCckTv6CkKjw7FH4ksCYeET7rSoAKiZNvtQ3zM6304+DvIRh3zecEciC',
  'CA12MAQqmVIKy4Wiy8yIVJZo2uh4PX2lWTREzGQcrHONxriuMXaE//egfZ4hmrEbvO9AL0e95IkxPpMjE4KHxuPjbjQcokuLcJr9',
  'QBQgpANDMKxtXqFc/2ImVVemo+XjJfBJ2TyPQC4V8982dsRdKn3vZHDLN90wVm/We4SZ/jwwoMbdXfE0qmZNmtj1MF0F8OtX7LKT',
  'S4FXwvT1iIX2kzeaOE8RF2h7vAFMrU81reamPnW7BEAZGM5Qjkl4GxZpv2d8RFCLcLLzetWGeHs=',
].join('');
const OPENSSL_RESPONSE = [
  'MIIFzjADAgEAMIIFxQYJKoZIhvcNAQcCoIIFtjCCBbICAQMxDzANBglghkgBZQMEAgEFADBzBgsqhkiG9w0BCRABBKBkBGIwYAIB',
  'AQYEKgMEATAxMA0GCWCGSAFlAwQCAQUABCA4lJ1xLouBU7Aku8zkQP/a+/eacwxbAKodRD7640MIXwIBAhgPMjAyNjExMjMxNzA1',
  'MjZaMAMCAQECCQDvpoSLqA51ZaCCAxwwggMYMIICAKADAgECAhRMaZ8NB8SU61N0LYWbpBphpKKC/DANBgkqhkiG9w0BAQsFADAb',
  'MRkwFwYDVQQDDBBPcGVuU1NMIFRlc3QgVFNBMB4XDTI2MTEyMzE3MDUyNloXDTI2MTIyMzE3MDUyNlowGzEZMBcGA1UEAwwQT3Bl',
  'blNTTCBUZXN0IFRTQTCCASIwDQYJKoZIhvcNAQEBBQADggEPADCCAQoCggEBAMomAvCwudrkg4w2OEdMESI4hKKxidqJZ2sclMBM',
  'PQlZjAOefAlqwSKLyLc8VSoQn8FVjYfOqqhbyciFO84s9O6A1u6F4mnVje3+Z3bKXKjrG93Ly3r6wvWUNsnIeWCHTHINglLfgv/U',
  '8btYHUW5vkr6nXsDXkoMR4iileYgb+1RlDVR7xChRM9uUrPo3MV1YSf37MqVj29aphfZLyK/lgijF0NcLtOndp7d1O4fSYc+Fqhh',
  'J9CZNpOs48r0+zmMQ0y7cODn6sx+hAywSnkAc9Iz2oI0k1xSShHpz5vh6vVQDazjmDAa3STn0lnNxrJSOlkF7rCMwryxiCDPtjpS',
  '4TECAwEAAaNUMFIwCQYDVR0TBAIwADAWBgNVHSUBAf8EDDAKBggrBgEFBQcDCDAOBgNVHQ8BAf8EBAMCB4AwHQYDVR0OBBYEFJbc',
  '/yC8a8TGXJ+qJiKCSJhRL8pWMA0GCSqGSIb3DQEBCwUAA4IBAQAVanYQEpb7QX3gPArblYSkq17ISe53wPQ8AkOfvWvAmzX5YeZY',
  'dYmSfn6YqtGxrK/4AVTCs1faAZJpGBjSGNo+ClUEe/9KixgnBlmArxSQo39yf0ioVNUA+IVYpprLKCVJGdwmwBAt23gqPzUqCbEO',
  'nt960BL/ytPmWu2LK++5H6j6kMFPJMyC6+f7Tj/e4tAsA4XEXgXd0a0OzjyBSZrBk4eW4CbKw5YQFPzPVy9VuSLPmFpGEQ7+VxAo',
  'LZDyJL4dJi5WS6dyy1UmTfyuz/grPumOBj24h7ydW+ZOezZNSnUiusIy1byww/ZdigbFnWTQQ+cm2T7fOT3xc3fPTXGIMYICBTCC',
  'AgECAQEwMzAbMRkwFwYDVQQDDBBPcGVuU1NMIFRlc3QgVFNBAhRMaZ8NB8SU61N0LYWbpBphpKKC/DANBglghkgBZQMEAgEFAKCB',
  'pDAaBgkqhkiG9w0BCQMxDQYLKoZIhvcNAQkQAQQwHAYJKoZIhvcNAQkFMQ8XDTI2MTEyMzE3MDUyNlowLwYJKoZIhvcNAQkEMSIE',
  'IM/hSGPYtg8quLiUM5njNpLtdPTRovheP+eRtcFsgmhGMDcGCyqGSIb3DQEJEAIvMSgwJjAkMCIEIIxtAVbpakiyl4UHkki5UkTU',
  'iG2dY0D2s2M90xYC5zmDMA0GCSqGSIb3DQEBAQUABIIBAFSyhqDVjr5vOCckTv6CkKjw7FH4ksCYeET7rSoAKiZNvtQ3zM6304+D',
  'vIRh3zecEciCCA12MAQqmVIKy4Wiy8yIVJZo2uh4PX2lWTREzGQcrHONxriuMXaE//egfZ4hmrEbvO9AL0e95IkxPpMjE4KHxuPj',
  'bjQcokuLcJr9QBQgpANDMKxtXqFc/2ImVVemo+XjJfBJ2TyPQC4V8982dsRdKn3vZHDLN90wVm/We4SZ/jwwoMbdXfE0qmZNmtj1',
  'MF0F8OtX7LKTS4FXwvT1iIX2kzeaOE8RF2h7vAFMrU81reamPnW7BEAZGM5Qjkl4GxZpv2d8RFCLcLLzetWGeHs=',
].join('');
const OPENSSL_TSA_PEM = [
  '-----BEGIN CERTIFICATE-----',
  'MIIDGDCCAgCgAwIBAgIUTGmfDQfElOtTdC2Fm6QaYaSigvwwDQYJKoZIhvcNAQEL',
  'BQAwGzEZMBcGA1UEAwwQT3BlblNTTCBUZXN0IFRTQTAeFw0yNjExMjMxNzA1MjZa',
  'Fw0yNjEyMjMxNzA1MjZaMBsxGTAXBgNVBAMMEE9wZW5TU0wgVGVzdCBUU0EwggEi',
  'MA0GCSqGSIb3DQEBAQUAA4IBDwAwggEKAoIBAQDKJgLwsLna5IOMNjhHTBEiOISi',
  'sYnaiWdrHJTATD0JWYwDnnwJasEii8i3PFUqEJ/BVY2HzqqoW8nIhTvOLPTugNbu',
  'heJp1Y3t/md2ylyo6xvdy8t6+sL1lDbJyHlgh0xyDYJS34L/1PG7WB1Fub5K+p17',
  'A15KDEeIopXmIG/tUZQ1Ue8QoUTPblKz6NzFdWEn9+zKlY9vWqYX2S8iv5YIoxdD',
  'XC7Tp3ae3dTuH0mHPhaoYSfQmTaTrOPK9Ps5jENMu3Dg5+rMfoQMsEp5AHPSM9qC',
  'NJNcUkoR6c+b4er1UA2s45gwGt0k59JZzcayUjpZBe6wjMK8sYggz7Y6UuExAgMB',
  'AAGjVDBSMAkGA1UdEwQCMAAwFgYDVR0lAQH/BAwwCgYIKwYBBQUHAwgwDgYDVR0P',
  'AQH/BAQDAgeAMB0GA1UdDgQWBBSW3P8gvGvExlyfqiYigkiYUS/KVjANBgkqhkiG',
  '9w0BAQsFAAOCAQEAFWp2EBKW+0F94DwK25WEpKteyEnud8D0PAJDn71rwJs1+WHm',
  'WHWJkn5+mKrRsayv+AFUwrNX2gGSaRgY0hjaPgpVBHv/SosYJwZZgK8UkKN/cn9I',
  'qFTVAPiFWKaayyglSRncJsAQLdt4Kj81KgmxDp7fetAS/8rT5lrtiyvvuR+o+pDB',
  'TyTMguvn+04/3uLQLAOFxF4F3dGtDs48gUmawZOHluAmysOWEBT8z1cvVbkiz5ha',
  'RhEO/lcQKC2Q8iS+HSYuVkuncstVJk38rs/4Kz7pjgY9uIe8nVvmTns2TUp1IrrC',
  'MtW8sMP2XYoGxZ1k0EPnJtk+3zk98XN3z01xiA==',
  '-----END CERTIFICATE-----',
].join('');

function pem(): string {
  // The certificate is stored on one line above; PEM parsing must accept any line layout.
  return OPENSSL_TSA_PEM.replace('-----BEGIN CERTIFICATE-----', '-----BEGIN CERTIFICATE-----\n').replace(
    '-----END CERTIFICATE-----',
    '\n-----END CERTIFICATE-----\n',
  );
}

describe('RFC 3161 time-stamp tokens', { timeout: 30_000 }, () => {
  it('parses and verifies a token made by OpenSSL', async () => {
    const parsed = parseTimestampToken(fromBase64(OPENSSL_TOKEN));
    expect(parsed.info.hashAlgorithm).toBe('2.16.840.1.101.3.4.2.1');
    expect(parsed.info.policy).toBe('1.2.3.4.1');
    const result = await verifyTimestampToken(fromBase64(OPENSSL_TOKEN), utf8(OPENSSL_DATA), [pem()]);
    expect(result).toMatchObject({
      imprintMatches: true,
      signatureVerified: true,
      signer: 'CN=OpenSSL Test TSA',
    });
    expect(result.info.genTime.toISOString()).toBe(parsed.info.genTime.toISOString());
  });

  it('accepts a whole TimeStampResp as well as the bare token', async () => {
    const result = await verifyTimestampToken(fromBase64(OPENSSL_RESPONSE), utf8(OPENSSL_DATA), [pem()]);
    expect(result).toMatchObject({ imprintMatches: true, signatureVerified: true });
  });

  it('reports another imprint, and skips the signature when no TSA is trusted', async () => {
    const other = await verifyTimestampToken(fromBase64(OPENSSL_TOKEN), utf8('other data'), [pem()]);
    expect(other.imprintMatches).toBe(false);
    expect(other.signatureVerified).toBe(false);
    const unchecked = await verifyTimestampToken(fromBase64(OPENSSL_TOKEN), utf8(OPENSSL_DATA));
    expect(unchecked).toMatchObject({ imprintMatches: true });
    expect(unchecked.signatureVerified).toBeUndefined();
  });

  it('rejects a token signed by a TSA that is not trusted', async () => {
    const rogue = await createTestTimestampAuthority('Rogue TSA');
    const token = await rogue.timestamp(utf8(OPENSSL_DATA));
    const result = await verifyTimestampToken(token, utf8(OPENSSL_DATA), [pem()]);
    expect(result).toMatchObject({ imprintMatches: true, signatureVerified: false });
  });

  it('rejects a token whose signature was tampered with', async () => {
    const der = fromBase64(OPENSSL_TOKEN);
    der[der.length - 10] ^= 1; // inside the RSA signature, the last field of the SignerInfo
    const result = await verifyTimestampToken(der, utf8(OPENSSL_DATA), [pem()]);
    expect(result.signatureVerified).toBe(false);
  });

  it('throws on bytes that are not a token', () => {
    expect(() => parseTimestampToken(utf8('not DER'))).toThrow();
  });
});

describe('dottedOid', () => {
  it('prints arcs beyond 2^53 (UUID arc 2.25) in decimal', () => {
    expect(dottedOid('2.25.{3417485c256e523f3b3a52483e2e2b52763d}')).toBe(
      '2.25.34682300634848583585740281974095133501',
    );
    expect(dottedOid('1.2.840.113549.1.9.16.1.4')).toBe('1.2.840.113549.1.9.16.1.4');
  });
});
