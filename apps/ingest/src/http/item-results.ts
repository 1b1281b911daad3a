import type { Response } from 'express';
import { invalidRequest, type ProblemFieldError } from '@baton/service-runtime';

export type RejectedItem = { readonly index: number; readonly status: 'rejected'; readonly errors: readonly ProblemFieldError[] };
export type ItemResult<Stored extends object> = ({ readonly index: number; readonly status: 'stored' } & Stored) | RejectedItem;

/** The answer to a request of several items: exactly which were stored, and why each other one was not. */
export interface ItemResults<Stored extends object> {
  readonly stored: number;
  readonly rejected: number;
  readonly results: readonly ItemResult<Stored>[];
}

export function rejectedCount(results: readonly ItemResult<object>[]): number {
  return results.filter((result) => result.status === 'rejected').length;
}

/** A request whose items are all invalid stores nothing: a 400 problem listing every item's errors. */
export function refuseWhenNothingValid(results: readonly ItemResult<object>[], what: string): void {
  const rejected = results.filter((result): result is RejectedItem => result.status === 'rejected');
  if (rejected.length < results.length) return;
  throw invalidRequest(
    results.length === 1 ? `invalid ${what}: nothing was stored` : `no ${what} of the batch is valid: nothing was stored`,
    rejected.flatMap((item) => item.errors),
  );
}

/**
 * 202 when every item was stored, 207 when some were refused (the body says which): a valid item is never
 * dropped for a bad neighbour. Sent here because the status depends on the items, which @HttpCode cannot say.
 */
export function answerItems<Stored extends object>(results: readonly ItemResult<Stored>[], response: Response): void {
  const rejected = results.filter((result) => result.status === 'rejected').length;
  const body: ItemResults<Stored> = { stored: results.length - rejected, rejected, results };
  response.status(rejected > 0 ? 207 : 202).json(body);
}
