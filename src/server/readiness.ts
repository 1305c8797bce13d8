import { findGatewayError } from '../domain/errors.js';
import type { VideoProvider } from '../domain/provider.js';
import type { CacheReport } from '../providers/cache/upstream-sharing.js';
import type { Logger } from './logging.js';
import type { ReadinessConfig } from './operations-config.js';

/** What the last probe of a provider said; `circuit-open` also whenever its circuit is open now. */
export type ProviderStatus = 'ok' | 'unauthorized' | 'unreachable' | 'circuit-open' | 'unknown';

/** One provider's line in `/ready`. */
export interface ProviderReadiness {
  provider: string;
  status: ProviderStatus;
  circuit: 'closed' | 'open' | 'half-open';
  /** The error code of the last failed probe, if it failed. */
  code?: string;
  checkedAt: string | null;
}

/** What `/ready` reports. */
export interface Readiness {
  ready: boolean;
  draining: boolean;
  require: 'all' | 'any';
  providers: ProviderReadiness[];
  /** The cross-request cache: a cache that is down does not make the gateway unready (reads are misses). */
  cache?: CacheReport;
}

/** Probes the providers at start, periodically and when `/ready` finds the last probe stale. */
export interface ReadinessMonitor {
  /** Probes every provider now (joins a probe already under way). */
  probe(): Promise<void>;
  /** The readiness, after a fresh probe when the last one is older than the interval. */
  report(draining: boolean): Promise<Readiness>;
  statusOf(provider: string): ProviderStatus;
  /** Probes every `intervalMs` in the background (the timer does not keep the process alive). */
  start(): void;
  stop(): void;
}

interface ProbeResult {
  status: ProviderStatus;
  code?: string;
  checkedAt: Date;
}

/**
 * The probe of a provider is its cheapest authenticated read, the live-room list, made through
 * the provider's own source and HTTP layer: wrong credentials answer `unauthorized`, an open
 * circuit `circuit-open`, anything else that fails `unreachable`.
 */
export function createReadinessMonitor(providers: readonly VideoProvider[], config: ReadinessConfig, logger: Logger): ReadinessMonitor {
  const results = new Map<string, ProbeResult>();
  let inFlight: Promise<void> | null = null;
  let lastProbe = 0;
  let timer: NodeJS.Timeout | null = null;

  async function probeOne(provider: VideoProvider): Promise<void> {
    const result = await probeProvider(provider, config.timeoutMs);
    const previous = results.get(provider.name);
    results.set(provider.name, result);
    if (previous?.status === result.status) return;
    const line = { msg: 'provider readiness', provider: provider.name, status: result.status, code: result.code };
    if (result.status === 'ok') logger.info(line);
    else logger.warn(line);
  }

  function probe(): Promise<void> {
    inFlight ??= Promise.all(providers.map(probeOne)).then(() => {
      lastProbe = Date.now();
      inFlight = null;
    });
    return inFlight;
  }

  function statusOf(name: string): ProviderStatus {
    const provider = providers.find((candidate) => candidate.name === name);
    if (provider?.state().circuit === 'open') return 'circuit-open';
    return results.get(name)?.status ?? 'unknown';
  }

  async function report(draining: boolean): Promise<Readiness> {
    if (Date.now() - lastProbe >= config.intervalMs) await probe();
    const lines = providers.map((provider): ProviderReadiness => {
      const result = results.get(provider.name);
      return { provider: provider.name, status: statusOf(provider.name), circuit: provider.state().circuit, code: result?.code, checkedAt: result?.checkedAt.toISOString() ?? null };
    });
    const usable = lines.map((line) => line.status === 'ok');
    const enough = config.require === 'all' ? usable.every(Boolean) : usable.some(Boolean);
    return { ready: !draining && providers.length > 0 && enough, draining, require: config.require, providers: lines };
  }

  return {
    probe,
    report,
    statusOf,
    start: () => {
      timer ??= setInterval(() => void probe(), config.intervalMs).unref();
    },
    stop: () => {
      if (timer) clearInterval(timer);
      timer = null;
    },
  };
}

async function probeProvider(provider: VideoProvider, timeoutMs: number): Promise<ProbeResult> {
  try {
    await provider.createSource({ signal: AbortSignal.timeout(timeoutMs), fresh: true }).listActiveRooms();
    return { status: 'ok', checkedAt: new Date() };
  } catch (error) {
    const code = findGatewayError(error)?.code ?? 'UPSTREAM_UNAVAILABLE';
    return { status: toStatus(code), code, checkedAt: new Date() };
  }
}

/** A rate-limited provider answered and knew the gateway's credentials: it is usable. */
function toStatus(code: string): ProviderStatus {
  if (code === 'UPSTREAM_UNAUTHORIZED') return 'unauthorized';
  if (code === 'UPSTREAM_CIRCUIT_OPEN') return 'circuit-open';
  if (code === 'UPSTREAM_RATE_LIMITED') return 'ok';
  return 'unreachable';
}
