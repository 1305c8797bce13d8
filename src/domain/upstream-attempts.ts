/**
 * The HTTP layer's report of each upstream attempt, made once per attempt: logs, metrics and traces
 * subscribe to it (the gateway wires them), so neither side imports the other.
 */

/** One attempt of an upstream call, as logged: where it went and how it ended, never what it carried. */
export interface UpstreamAttemptEvent {
  provider: string;
  method: string;
  path: string;
  /** 1 for the first attempt, 2 for the first retry, … */
  attempt: number;
  /** The HTTP status, or null when none arrived. */
  status: number | null;
  /** `ok`, or the error code the attempt ended with. */
  outcome: string;
  durationMs: number;
  /** Why a failed attempt failed, in the gateway's and the provider's words: for the log only, never a client. */
  detail?: string;
}

/** An attempt about to be sent: where it goes (no body, no headers). */
export interface UpstreamAttemptStart {
  provider: string;
  method: string;
  path: string;
  attempt: number;
}

/** An observer of one attempt: headers to send with it (trace context), and its end. */
export interface UpstreamAttemptObserver {
  headers?: Record<string, string>;
  end(event: UpstreamAttemptEvent): void;
}
