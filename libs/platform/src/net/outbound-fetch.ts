import { lookup, type LookupAddress } from 'node:dns';
import { isIP } from 'node:net';
import { Agent, fetch, type RequestInit, type Response } from 'undici';
import { AddressAllowlist, isReachableAddress } from './public-address';

/** A request to an address outside the public internet (SSRF), refused before connecting. */
export class NonPublicAddressError extends Error {
  readonly code = 'ENOTPUBLIC';
}

type LookupCallback = (
  error: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;

/**
 * Fetch for URLs that users supply (webhooks): the address is checked when the connection is made, after
 * DNS resolution, so a name that resolves (or re-resolves, DNS rebinding) inside the network is refused,
 * and so is every address of a name if any is not public; redirects are never followed (a 3xx is the
 * answer). IP literals, which skip DNS, are checked before the request.
 */
export class OutboundFetch {
  private readonly agent: Agent;

  constructor(private readonly allowlist: AddressAllowlist = []) {
    const guardedLookup = (
      hostname: string,
      options: { all?: boolean; family?: number },
      callback: LookupCallback,
    ): void => {
      lookup(hostname, { all: true, family: options.family ?? 0 }, (error, addresses) => {
        if (error) return callback(error, '');
        const refused = addresses.find((a) => !isReachableAddress(a.address, this.allowlist));
        if (refused) return callback(this.refusal(hostname, refused.address), '');
        if (options.all) return callback(null, addresses);
        callback(null, addresses[0].address, addresses[0].family);
      });
    };
    this.agent = new Agent({ connect: { lookup: guardedLookup as never } });
  }

  /** Throws NonPublicAddressError for a URL whose host is a non-public IP literal. */
  check(url: string): void {
    const host = new URL(url).hostname.replace(/^\[|\]$/g, '');
    if (isIP(host) && !isReachableAddress(host, this.allowlist)) throw this.refusal(host, host);
  }

  async fetch(url: string, init: Omit<RequestInit, 'dispatcher' | 'redirect'>): Promise<Response> {
    this.check(url);
    return fetch(url, { ...init, redirect: 'manual', dispatcher: this.agent });
  }

  close(): Promise<void> {
    return this.agent.close();
  }

  private refusal(host: string, address: string): NonPublicAddressError {
    return new NonPublicAddressError(
      host === address
        ? `${address} is not a public address`
        : `${host} resolves to ${address}, which is not a public address`,
    );
  }
}

/** The reason an outbound request failed, in words (the refusal itself for a non-public address). */
export function outboundFailure(error: unknown): string {
  const err = error as Error & { cause?: Error & { code?: string } };
  if (err instanceof NonPublicAddressError) return err.message;
  if (err.cause instanceof NonPublicAddressError) return err.cause.message;
  if (err.name === 'TimeoutError') return 'no response in time';
  return `request failed: ${err.cause?.code ?? err.cause?.message ?? err.message}`;
}
