/** A JSON request to a service; retried on 429 and 503 (rate limit, broker not acknowledging), which ask for a resend. */
export async function requestJson(
  url: string,
  init: { readonly method: string; readonly headers: Record<string, string>; readonly body?: unknown },
  attempts = 20,
): Promise<{ status: number; body: unknown }> {
  for (let attempt = 1; ; attempt++) {
    const response = await fetch(url, { method: init.method, headers: init.headers, body: init.body === undefined ? undefined : JSON.stringify(init.body) });
    const text = await response.text();
    if ((response.status === 429 || response.status === 503) && attempt < attempts) {
      const retryAfter = Number(response.headers.get('retry-after'));
      await sleep(Number.isFinite(retryAfter) && retryAfter > 0 ? Math.min(retryAfter * 1000, 5000) : 200 * attempt);
      continue;
    }
    return { status: response.status, body: text === '' ? undefined : (JSON.parse(text) as unknown) };
  }
}

/** Runs `task` over `items` with at most `concurrency` at a time; rejects with the first failure. */
export async function forEachLimited<T>(items: readonly T[], concurrency: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const item = items[next++] as T;
      await task(item);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, worker));
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
