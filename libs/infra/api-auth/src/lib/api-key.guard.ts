import { Inject, Injectable, Logger, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { parseApiKey, secretMatches, type ApiScope } from '@baton/api-key';
import { isRedisUnavailable } from '@baton/redis';
import { ProblemException, PUBLIC_ENDPOINT } from '@baton/service-runtime';
import { ApiKeyStore, type ApiKeyRecord, type RateLimit } from './api-key.store';
import { presentedKey } from './presented-key';
import { RateLimiter } from './rate-limiter';
import { REQUIRED_SCOPE } from './requires-scope.decorator';

export const DEFAULT_RATE_LIMIT = Symbol('DEFAULT_RATE_LIMIT');

/** Who called, for the handler's logs: ids only, never the key. */
export interface CallerKey {
  readonly keyId: string;
  readonly source: string;
}

export type RequestWithCaller = Request & { caller?: CallerKey };

const CHALLENGE = { 'WWW-Authenticate': 'Bearer realm="baton"' };

/**
 * Every route is closed unless marked public: a valid, unrevoked key (401 otherwise), the route's scope (403),
 * within the key's rate (429 with Retry-After). Redis unreachable means no one can be checked: 503, not open.
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  private readonly logger = new Logger(ApiKeyGuard.name);

  constructor(
    private readonly reflector: Reflector,
    private readonly keys: ApiKeyStore,
    private readonly limiter: RateLimiter,
    @Inject(DEFAULT_RATE_LIMIT) private readonly defaultLimit: RateLimit,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ENDPOINT, targets) === true) return true;
    const scope = this.reflector.getAllAndOverride<ApiScope | undefined>(REQUIRED_SCOPE, targets);
    const request = context.switchToHttp().getRequest<RequestWithCaller>();
    const response = context.switchToHttp().getResponse<Response>();
    try {
      const record = await this.authenticate(request);
      if (scope !== undefined && !record.scopes.includes(scope)) {
        throw new ProblemException(403, 'AUTH.INSUFFICIENT_SCOPE', `this key lacks the scope ${scope}`, { extensions: { requiredScope: scope } });
      }
      await this.limit(record, response);
      request.caller = { keyId: record.keyId, source: record.source };
      return true;
    } catch (error) {
      if (!isRedisUnavailable(error)) throw error;
      this.logger.error('API keys cannot be checked: Redis is unavailable');
      throw new ProblemException(503, 'AUTH.UNAVAILABLE', 'API keys cannot be checked right now; retry later', { headers: { 'Retry-After': '5' } });
    }
  }

  private async authenticate(request: Request): Promise<ApiKeyRecord> {
    const presented = presentedKey(request.headers);
    if (presented === undefined) {
      throw new ProblemException(401, 'AUTH.MISSING_KEY', 'an API key is required: Authorization: Bearer <key> or X-API-Key: <key>', { headers: CHALLENGE });
    }
    const parsed = parseApiKey(presented);
    const record = parsed === undefined ? undefined : await this.keys.find(parsed.keyId);
    // The same answer for a malformed key, an unknown id and a wrong secret: no oracle for guessing.
    if (parsed === undefined || record === undefined || !secretMatches(parsed.secret, record.secretHash)) {
      throw new ProblemException(401, 'AUTH.INVALID_KEY', 'the API key is not valid', { headers: CHALLENGE });
    }
    if (record.revokedAt !== undefined) {
      throw new ProblemException(401, 'AUTH.REVOKED_KEY', `the API key was revoked at ${record.revokedAt}`, { headers: CHALLENGE });
    }
    return record;
  }

  private async limit(record: ApiKeyRecord, response: Response): Promise<void> {
    const limit = record.rateLimit ?? this.defaultLimit;
    const decision = await this.limiter.take(record.keyId, limit);
    response.setHeader('RateLimit-Limit', String(limit.burst));
    response.setHeader('RateLimit-Remaining', String(decision.remaining));
    if (!decision.allowed) {
      throw new ProblemException(429, 'AUTH.RATE_LIMITED', `this key may make ${limit.perSecond} requests per second (bursts of ${limit.burst}); retry after ${decision.retryAfterSeconds} s`, {
        headers: { 'Retry-After': String(decision.retryAfterSeconds) },
        extensions: { retryAfterSeconds: decision.retryAfterSeconds },
      });
    }
  }
}
