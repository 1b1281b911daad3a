import { ValidateBy } from 'class-validator';
import { ConnectionSecurityEnv } from './connection-security.env';
import { IntegerBetween } from './env-decorators';

/**
 * The HTTP server's own limits, the defaults of the schema below. Node's defaults (headers within 60 s, the whole
 * request within 300 s, checked every 30 s) let a client that sends a byte now and then hold a socket and its
 * buffers for minutes; these close it within seconds.
 */
export const HTTP_SERVER_DEFAULTS = {
  HTTP_HEADERS_TIMEOUT_MS: 10_000,
  HTTP_REQUEST_TIMEOUT_MS: 30_000,
  HTTP_CONNECTIONS_CHECK_INTERVAL_MS: 1_000,
  // Above the 60 s idle timeout of AWS load balancers and ingress-nginx's upstream keep-alive: the balancer, not
  // the service, must close an idle connection, else a request it sends just as the service closes one fails (502).
  HTTP_KEEP_ALIVE_TIMEOUT_MS: 65_000,
  HTTP_MAX_HEADER_BYTES: 16 * 1024,
} as const;

export type HttpServerSettings = { readonly [K in keyof typeof HTTP_SERVER_DEFAULTS]: number };

function AtMost(other: keyof HttpServerSettings, why: string): PropertyDecorator {
  return ValidateBy({
    name: `atMost${other}`,
    validator: {
      validate: (value: unknown, args) => {
        const limit = (args?.object as HttpServerSettings)[other];
        // A limit that is itself not a number is reported on its own; comparing with it would only add noise.
        return typeof value !== 'number' || !Number.isInteger(limit) || value <= limit;
      },
      defaultMessage: () => `$property must be at most ${other} (${why})`,
    },
  });
}

/**
 * Against slow or stalled clients (slow-loris) and oversized headers: what each service's HTTP server allows
 * before it answers 408 or 431 and closes the connection. A request that has arrived has no time limit here;
 * its handler's own timeouts (INGEST_PRODUCE_TIMEOUT_MS) bound it.
 */
export abstract class HttpServerEnv extends ConnectionSecurityEnv implements HttpServerSettings {
  /** Time from a request's first byte until its headers are complete. */
  @IntegerBetween(1000, 300_000)
  @AtMost('HTTP_REQUEST_TIMEOUT_MS', 'the headers are part of the request')
  readonly HTTP_HEADERS_TIMEOUT_MS: number = HTTP_SERVER_DEFAULTS.HTTP_HEADERS_TIMEOUT_MS;

  /** Time from a request's first byte until its body is complete; raise it with a large API_MAX_BODY_BYTES. */
  @IntegerBetween(1000, 3_600_000)
  readonly HTTP_REQUEST_TIMEOUT_MS: number = HTTP_SERVER_DEFAULTS.HTTP_REQUEST_TIMEOUT_MS;

  /** How often incomplete requests are checked against the two timeouts above: how late past them a socket may close. */
  @IntegerBetween(100, 60_000)
  @AtMost('HTTP_HEADERS_TIMEOUT_MS', 'checking less often would let the timeout overrun by a whole interval')
  readonly HTTP_CONNECTIONS_CHECK_INTERVAL_MS: number = HTTP_SERVER_DEFAULTS.HTTP_CONNECTIONS_CHECK_INTERVAL_MS;

  /** How long an idle keep-alive connection stays open after a response; keep it above the load balancer's idle timeout. */
  @IntegerBetween(1000, 3_600_000)
  readonly HTTP_KEEP_ALIVE_TIMEOUT_MS: number = HTTP_SERVER_DEFAULTS.HTTP_KEEP_ALIVE_TIMEOUT_MS;

  /** Request line and headers together, at most; more is answered 431. */
  @IntegerBetween(2048, 1024 * 1024)
  readonly HTTP_MAX_HEADER_BYTES: number = HTTP_SERVER_DEFAULTS.HTTP_MAX_HEADER_BYTES;
}
