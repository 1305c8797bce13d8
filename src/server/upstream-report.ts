/**
 * The HTTP layer's report of each upstream attempt, as the server's observers see it. The shapes
 * match `UpstreamAttemptEvent` / `UpstreamAttemptStart` / `UpstreamAttemptObserver` in
 * `providers/http/upstream-options.ts` (the gateway wires one to the other, and the compiler checks
 * that they fit), so the server never imports the providers.
 */

/** One attempt of an upstream call: where it went and how it ended, never what it carried. */
export interface AttemptReport {
  provider: string;
  method: string;
  path: string;
  attempt: number;
  status: number | null;
  outcome: string;
  durationMs: number;
}

/** An attempt about to be sent. */
export type AttemptStart = Pick<AttemptReport, 'provider' | 'method' | 'path' | 'attempt'>;

/** What an observer of an attempt's start gives back: headers to send, and the attempt's end. */
export interface AttemptObserver {
  headers?: Record<string, string>;
  end(report: AttemptReport): void;
}
