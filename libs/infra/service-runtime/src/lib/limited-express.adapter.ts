import { createServer } from 'node:http';
import type { NestApplicationOptions } from '@nestjs/common';
import { ExpressAdapter } from '@nestjs/platform-express';
import type { HttpServerSettings } from '@baton/config';

/**
 * Nest's Express adapter with an HTTP server created with the service's limits. The adapter creates the server
 * itself, without options, and `connectionsCheckingInterval` (how often incomplete requests are checked against
 * the timeouts: Node's default of 30 s would let a 10 s headers timeout overrun by 30 s) and `maxHeaderSize` are
 * read only at creation; so the server is created here, and Nest's listen and close work on it as usual.
 */
export class LimitedExpressAdapter extends ExpressAdapter {
  constructor(private readonly limits: HttpServerSettings) {
    super();
  }

  override initHttpServer(options: NestApplicationOptions): void {
    // Neither is used by Baton (TLS ends at the ingress; shutdown closes idle connections by itself); refusing
    // them beats silently ignoring them.
    if (options.httpsOptions !== undefined || options.forceCloseConnections === true) {
      throw new Error('LimitedExpressAdapter serves plain HTTP only: httpsOptions and forceCloseConnections are not supported');
    }
    this.setHttpServer(
      createServer(
        {
          headersTimeout: this.limits.HTTP_HEADERS_TIMEOUT_MS,
          requestTimeout: this.limits.HTTP_REQUEST_TIMEOUT_MS,
          connectionsCheckingInterval: this.limits.HTTP_CONNECTIONS_CHECK_INTERVAL_MS,
          keepAliveTimeout: this.limits.HTTP_KEEP_ALIVE_TIMEOUT_MS,
          maxHeaderSize: this.limits.HTTP_MAX_HEADER_BYTES,
        },
        this.getInstance(),
      ),
    );
  }
}
