/** Load runs with autocannon: POSTs one GraphQL body at a server, every answer compared with the expected one. */
import autocannon from 'autocannon';

/** What one load run measured. */
export interface LoadResult {
  requests: number;
  reqPerSec: number;
  p50: number;
  p99: number;
  /** Answers other than 2xx, connection errors and timeouts. */
  failures: number;
  /** 2xx answers whose body differed from the expected one. */
  mismatches: number;
}

/**
 * Runs `connections` clients against `url` for `seconds`, or until `amount` requests are answered
 * (then no request is left in flight at the end, so CPU and upstream calls divide exactly);
 * `expectBody` (when given) must be every answer.
 */
export async function runLoad(url: string, body: string, options: { connections: number; seconds: number; amount?: number; expectBody?: string }): Promise<LoadResult> {
  const result = await autocannon({
    url,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
    connections: options.connections,
    duration: options.seconds,
    amount: options.amount,
    expectBody: options.expectBody,
    timeout: 30,
  });
  const requests = result.requests.total;
  return {
    requests,
    reqPerSec: requests / Math.max(0.001, (result.finish.getTime() - result.start.getTime()) / 1000),
    p50: result.latency.p50,
    p99: result.latency.p99,
    failures: result.non2xx + result.errors + result.timeouts,
    mismatches: result.mismatches ?? 0,
  };
}
