import { promises as dns } from 'node:dns';
import * as http from 'node:http';
import * as https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import type { AttemptResult, HttpPostOptions, HttpPoster } from '../channel';
import { DestinationAllowlist, nonPublicRange, normalizeHost } from './destination-policy';

/** A resolver like `dns.promises.lookup(host, { all: true })`; replaceable in tests. */
export type HostResolver = (host: string) => Promise<readonly { readonly address: string; readonly family: number }[]>;

export interface SafeHttpClientOptions {
  /** NOTIFIER_ALLOWED_DESTINATIONS: hostnames (exact, case-insensitive), IP addresses, CIDRs (v4 and v6). */
  readonly allow: readonly string[];
  /** Defaults to `dns.promises.lookup(host, { all: true })`. */
  readonly resolve?: HostResolver;
}

/** Redirects followed per POST at most. */
export const MAX_REDIRECTS = 3;
/** Response bytes read (and discarded) at most; the rest of a larger body is not waited for. */
export const MAX_RESPONSE_BYTES = 64 * 1024;

const REDIRECT_STATUSES: ReadonlySet<number> = new Set([301, 302, 303, 307, 308]);
/** Headers not carried to another origin on a redirect. */
const CREDENTIAL_HEADERS: ReadonlySet<string> = new Set(['authorization', 'cookie', 'proxy-authorization']);

type Destination = { readonly kind: 'ok'; readonly url: URL; readonly address: string; readonly family: 4 | 6 } | { readonly kind: 'result'; readonly result: AttemptResult };
type HopResult = { readonly kind: 'response'; readonly status: number; readonly location?: string; readonly retryAfter?: string } | { readonly kind: 'error'; readonly reason: string };

class DeadlineExceeded extends Error {}

/**
 * An HTTP POST that refuses private-network destinations (SSRF: a tenant's webhook URL must not reach the
 * metadata service, the cluster or loopback) unless they are allowlisted.
 *
 * - The host is resolved once; when ANY of its addresses is not public (loopback, RFC 1918, link-local incl.
 *   169.254.169.254, CGNAT, unspecified, multicast, reserved, and the IPv6 equivalents incl. IPv4-mapped and
 *   NAT64 forms of those) the POST is `refused`, unless the hostname or that address is allowlisted.
 * - The connection is pinned to the checked address (a `lookup` that returns it; Host and TLS SNI stay the
 *   original host), so a second DNS answer cannot steer it elsewhere (DNS rebinding). No connection pooling.
 * - Redirects (301/302/303/307/308) are checked the same way before being followed, at most {@link MAX_REDIRECTS}.
 *   Every redirect is followed with a POST of the same body and headers — also 301/302/303, which browsers turn
 *   into GETs: a webhook silently arriving as a bodiless GET would look delivered while losing the alert.
 *   Credential headers (authorization, cookie) are dropped when the redirect changes origin.
 * - `timeoutMs` bounds the whole POST: DNS, connect, every hop and reading the response.
 * - The response body is read and discarded (at most {@link MAX_RESPONSE_BYTES}). Nothing is logged; reasons name
 *   hosts and addresses, never paths, query strings (Slack webhook URLs carry their secret there) or bodies.
 */
export class SafeHttpClient implements HttpPoster {
  private readonly allowlist: DestinationAllowlist;
  private readonly resolve: HostResolver;

  constructor(options: SafeHttpClientOptions) {
    this.allowlist = new DestinationAllowlist(options.allow);
    this.resolve = options.resolve ?? ((host) => dns.lookup(host, { all: true }));
  }

  async post(url: string, body: string, headers: Readonly<Record<string, string>>, options: HttpPostOptions): Promise<AttemptResult> {
    const deadline = Date.now() + options.timeoutMs;
    const timeout: AttemptResult = { kind: 'network', reason: `timeout after ${options.timeoutMs} ms` };
    let current: URL;
    try {
      current = new URL(url);
    } catch {
      return { kind: 'refused', reason: 'the destination is not a valid URL' };
    }
    let currentHeaders = { ...headers };
    for (let redirects = 0; ; redirects++) {
      let destination: Destination;
      try {
        destination = await withDeadline(this.check(current), deadline);
      } catch (error) {
        if (error instanceof DeadlineExceeded) return timeout;
        throw error;
      }
      if (destination.kind === 'result') return destination.result;
      const hop = await postOnce(destination, body, currentHeaders, deadline);
      if (hop.kind === 'error') return hop.reason === 'timeout' ? timeout : { kind: 'network', reason: hop.reason };
      if (REDIRECT_STATUSES.has(hop.status) && hop.location !== undefined && redirects < MAX_REDIRECTS) {
        let next: URL;
        try {
          next = new URL(hop.location, current);
        } catch {
          return statusResult(hop.status, hop.retryAfter);
        }
        if (next.origin !== current.origin) currentHeaders = withoutCredentials(currentHeaders);
        current = next;
        continue;
      }
      return statusResult(hop.status, hop.retryAfter);
    }
  }

  /** The scheme, the resolution and the address policy for one URL (the first or a redirect target). */
  private async check(url: URL): Promise<Destination> {
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      return { kind: 'result', result: { kind: 'refused', reason: `scheme ${url.protocol} is not allowed: only http: and https:` } };
    }
    const host = normalizeHost(url.hostname);
    let addresses: readonly { readonly address: string; readonly family: number }[];
    const literal = isIP(host);
    if (literal !== 0) {
      addresses = [{ address: host, family: literal }];
    } else {
      try {
        addresses = await this.resolve(host);
      } catch (error) {
        return { kind: 'result', result: { kind: 'network', reason: `cannot resolve ${host}: ${errorCode(error)}` } };
      }
    }
    const first = addresses[0];
    if (first === undefined) return { kind: 'result', result: { kind: 'network', reason: `cannot resolve ${host}: no address` } };
    const hostAllowed = this.allowlist.allowsHost(host);
    for (const { address } of addresses) {
      const range = nonPublicRange(address);
      if (range !== undefined && !hostAllowed && !this.allowlist.allowsAddress(address)) {
        return {
          kind: 'result',
          result: {
            kind: 'refused',
            reason:
              `destination ${host} resolves to ${address} (${range}), a non-public address: refused. ` +
              `To allow it, add '${host}' or '${address}' (or a CIDR containing it) to NOTIFIER_ALLOWED_DESTINATIONS`,
          },
        };
      }
    }
    return { kind: 'ok', url, address: first.address, family: first.family === 6 ? 6 : 4 };
  }
}

function postOnce(destination: Extract<Destination, { kind: 'ok' }>, body: string, headers: Readonly<Record<string, string>>, deadline: number): Promise<HopResult> {
  const { url, address, family } = destination;
  const remaining = deadline - Date.now();
  if (remaining <= 0) return Promise.resolve({ kind: 'error', reason: 'timeout' });
  // Pinned: whatever the socket asks for, it gets the address that was checked.
  const lookup: LookupFunction = (_hostname, options, callback) => {
    if (options.all) (callback as unknown as (error: null, addresses: { address: string; family: number }[]) => void)(null, [{ address, family }]);
    else callback(null, address, family);
  };
  const request = url.protocol === 'https:' ? https.request : http.request;
  return new Promise<HopResult>((resolve) => {
    let settled = false;
    const settle = (result: HopResult): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
    };
    const req = request(url, {
      method: 'POST',
      headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
      lookup,
      agent: false,
    });
    const timer = setTimeout(() => {
      settle({ kind: 'error', reason: 'timeout' });
      req.destroy();
    }, remaining);
    req.on('error', (error) => settle({ kind: 'error', reason: `${errorCode(error)} connecting to ${normalizeHost(url.hostname)} (${address})` }));
    req.on('response', (res) => {
      const status = res.statusCode ?? 0;
      const location = single(res.headers.location);
      const retryAfter = single(res.headers['retry-after']);
      const done = (): void => settle({ kind: 'response', status, location, retryAfter });
      let read = 0;
      res.on('data', (chunk: Buffer) => {
        read += chunk.length;
        if (read >= MAX_RESPONSE_BYTES) {
          done();
          res.destroy();
        }
      });
      res.on('end', done);
      // The status line arrived: a body cut short does not undo the answer.
      res.on('error', done);
      res.on('close', done);
    });
    req.end(body);
  });
}

function statusResult(status: number, retryAfter: string | undefined): AttemptResult {
  const retryAfterMs = parseRetryAfter(retryAfter);
  return retryAfterMs === undefined ? { kind: 'status', status } : { kind: 'status', status, retryAfterMs };
}

/** Retry-After as milliseconds from now: delay-seconds, or an HTTP date (a past date is 0). */
export function parseRetryAfter(value: string | undefined, now: number = Date.now()): number | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  if (!/[a-z]/i.test(trimmed)) return undefined;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function withoutCredentials(headers: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !CREDENTIAL_HEADERS.has(name.toLowerCase())));
}

function withDeadline<T>(work: Promise<T>, deadline: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new DeadlineExceeded()), Math.max(0, deadline - Date.now()));
    work.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

function errorCode(error: unknown): string {
  if (typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string') return error.code;
  return error instanceof Error ? error.name : 'unknown error';
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
