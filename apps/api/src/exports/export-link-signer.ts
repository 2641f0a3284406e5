import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { API_CONFIG } from '../api.config';
import type { ApiConfig } from '../api.config';

/** How long a download link works after GET /api/v1/exports/{id} handed it out. */
export const DOWNLOAD_LINK_SECONDS = 10 * 60;

export interface DownloadLinkParams {
  tenant: string;
  expires: string;
  signature: string;
}

/**
 * Signed, expiring download links: a browser can follow one without a bearer token (a plain link or
 * `<a download>`), and it is worthless after it expires or for another export or tenant. HMAC-SHA256 under a
 * key derived (HKDF) from COOKIE_SECRET for this purpose only.
 */
@Injectable()
export class ExportLinkSigner {
  private readonly key: Buffer;

  constructor(@Inject(API_CONFIG) private readonly config: ApiConfig) {
    this.key = Buffer.from(hkdfSync('sha256', config.cookieSecret, 'oversing', 'export download links', 32));
  }

  link(exportId: string, tenantId: string, now = Date.now()): { url: string; expiresAt: Date } {
    const expires = Math.floor(now / 1000) + DOWNLOAD_LINK_SECONDS;
    const query = new URLSearchParams({
      tenant: tenantId,
      expires: String(expires),
      signature: this.sign(exportId, tenantId, expires),
    });
    const base = this.config.PUBLIC_API_URL.replace(/\/$/, '');
    return {
      url: `${base}/api/v1/exports/${exportId}/download?${query}`,
      expiresAt: new Date(expires * 1000),
    };
  }

  /** True when the link was made by us for this export and tenant and has not expired. */
  verify(exportId: string, params: Partial<DownloadLinkParams>, now = Date.now()): boolean {
    const expires = Number(params.expires);
    if (!params.tenant || !params.signature || !Number.isInteger(expires)) return false;
    if (expires * 1000 < now) return false;
    const expected = Buffer.from(this.sign(exportId, params.tenant, expires));
    const given = Buffer.from(params.signature);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }

  private sign(exportId: string, tenantId: string, expires: number): string {
    return createHmac('sha256', this.key).update(`${exportId}.${tenantId}.${expires}`).digest('base64url');
  }
}
