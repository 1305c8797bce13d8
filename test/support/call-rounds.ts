import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Simulator } from '../../src/sandbox/simulator.js';

/** One upstream call as a simulator saw it: when it arrived and when its answer was sent. */
export interface TimedCall {
  provider: string;
  method: string;
  /** Path and query as received. */
  url: string;
  start: number;
  end: number;
  /** 1 + the round of the latest call that had finished before this one arrived. */
  round: number;
}

/** Records every call the simulators receive with its start and end times, until `stop`. */
export interface CallTimeline {
  /** Forgets what was recorded so far. */
  reset(): void;
  /** The calls recorded since the last reset, each with its round, in arrival order. */
  calls(): TimedCall[];
  /** The number of rounds: the longest chain of calls each issued after the previous had answered. */
  rounds(provider?: string): number;
  /** One line per call (`round provider method url`), for failure messages. */
  describe(): string;
  stop(): void;
}

/**
 * Observes the simulators' servers (beside their own handlers) and orders their calls into rounds
 * by causality, not by wall-clock thresholds: a call is in round 1 when no call had finished when
 * it arrived, else one round after the latest-round call that had. With a latency fault on every
 * call, calls that went out together stay in one round however slow the machine is, as long as
 * issuing them takes less than the fault's latency.
 */
export function recordCallRounds(simulators: Record<string, Simulator>): CallTimeline {
  let recorded: Omit<TimedCall, 'round'>[] = [];
  const detach: (() => void)[] = [];
  for (const [provider, simulator] of Object.entries(simulators)) {
    const listener = (request: IncomingMessage, response: ServerResponse) => {
      const call = { provider, method: request.method ?? 'GET', url: request.url ?? '/', start: performance.now(), end: Infinity };
      recorded.push(call);
      response.once('finish', () => (call.end = performance.now()));
    };
    simulator.server.prependListener('request', listener);
    detach.push(() => simulator.server.off('request', listener));
  }
  const calls = () => {
    const timed: TimedCall[] = [];
    for (const call of [...recorded].sort((a, b) => a.start - b.start)) {
      const before = timed.filter((earlier) => earlier.end <= call.start);
      timed.push({ ...call, round: 1 + Math.max(0, ...before.map((earlier) => earlier.round)) });
    }
    return timed;
  };
  return {
    reset: () => void (recorded = []),
    calls,
    rounds: (provider) => Math.max(0, ...calls().filter((call) => !provider || call.provider === provider).map((call) => call.round)),
    describe: () => calls().map((call) => `${call.round} ${call.provider} ${call.method} ${call.url}`).join('\n'),
    stop: () => detach.forEach((off) => off()),
  };
}
