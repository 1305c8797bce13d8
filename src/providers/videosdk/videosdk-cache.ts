/**
 * What the cross-request cache knows about VideoSDK (README, "Cache"): whose account a call spends,
 * when a session is settled (immutable), and the incrementally maintained index of ended sessions
 * that serves every past-room order (VideoSDK sorts nothing, reference A2).
 *
 * The index's delta. `GET /v2/sessions` filters on a session's *start* (`startDate`/`endDate`,
 * epoch ms, SDK-era filters: audit V7) and by `status`, not on its end; so "ended since the last
 * sync" is read as two parts (the build reads every session, ended and ongoing, in one walk).
 * (1) Sessions that started since the last sync, less the index's
 * margin, and have ended: `status=ended&startDate=…`. (2) Sessions that started before that: every
 * sync first reads the ongoing sessions that started more than the margin ago
 * (`status=ongoing&endDate=<now - margin>`) and remembers them (ids and starts); the next sync
 * re-reads by id (`GET /v2/sessions/:id`) each remembered session that has left that list, or,
 * when more have left than `UPSTREAM_MAX_PAGES`, the ended list from the earliest of their starts.
 * At every sync a running session either started before `now - margin` (so it is remembered) or
 * after the last sync's start less the margin (so the next `startDate` read holds it once it
 * ends), whatever the clocks' skew, and the ongoing list is read before the ended one: nothing
 * that ends is missed, however long it ran. A session the ongoing list skipped while it shifted
 * under paging is caught by the periodic rebuild. Delta reads bypass the HTTP cache (they are what
 * makes the index fresh; a build may come from it), and the ongoing read is not the request's own
 * live-session list (no request sends one read twice). An ended session is kept as first read (its open segments close
 * at its end, audit V4); a later upstream change reaches the index at the next rebuild
 * (`CACHE_INDEX_REBUILD_MS`).
 */
import pMap from 'p-map';
import { createHistoryIndex, HISTORY_DELTA_MARGIN_MS, type HistoryIndex, type HistoryRead } from '../cache/history-index.js';
import { isSettledEnd, withImmutableCache, type BatchLoad } from '../cache/immutable-batch.js';
import type { UpstreamCache } from '../cache/upstream-cache.js';
import type { ReadBounds } from '../http/upstream-options.js';
import type { VideosdkClient } from './videosdk-client.js';
import { isEndedSession } from './videosdk-mapping.js';
import type { VideosdkConfig } from './videosdk-provider.js';
import type { VideosdkSession } from './videosdk-wire.js';

/** The parts that tell one VideoSDK account from another; hashed into the cache namespace, never stored. */
export function toVideosdkAccount(config: VideosdkConfig): string[] {
  return [config.apiUrl, config.apiKey, config.apiSecret];
}

/** A session by id: cached, with its participants' timelogs, once it ended longer ago than the settle window. */
export function cacheVideosdkSessions(cache: UpstreamCache | undefined, load: BatchLoad<string, VideosdkSession | null>): BatchLoad<string, VideosdkSession | null> {
  return withImmutableCache(cache, { keyOf: (id) => `session:${id}`, isSettled: (session) => isEndedSession(session) && isSettledEnd(session.end, cache!) }, load);
}

/** What a sync remembers for the next: the sessions that were running (and started before the margin), by id, with their starts. */
type OngoingSessions = ReadonlyMap<string, Date>;

/** Slack on `startDate`, whose bounds (inclusive? ms or s precision?) are undocumented. */
const START_SLACK_MS = 1_000;

/**
 * The index of every ended VideoSDK session of an account; `clientFor` gives a client tied to a
 * sync's signal, through the HTTP cache (a build: another replica's listing serves it) or not (`fresh`: a delta).
 */
export function createVideosdkHistory(clientFor: (scope: { signal: AbortSignal; fresh: boolean }) => VideosdkClient, cache: UpstreamCache, bounds: ReadBounds, rebuildMs: number): HistoryIndex<VideosdkSession> {
  return createHistoryIndex<VideosdkSession, OngoingSessions>(
    {
      // One walk of every session, ended and ongoing: a session that ends during it is in it once, either way.
      readAll: async (signal) => {
        const sessions = await clientFor({ signal, fresh: false }).listAllSessions({});
        return { items: sessions.filter(isEndedSession), cursor: toOngoing(sessions.filter((session) => !isEndedSession(session))) };
      },
      readEndedSince: (since, ongoing, signal) => readEndedSince(clientFor({ signal, fresh: true }), since, ongoing, bounds),
      factsOf: (session) => ({ id: session.id, roomId: session.roomId, createdAt: session.start, endedAt: session.end }),
    },
    cache,
    { rebuildMs, maxEntries: bounds.maxRows * 4 },
  );
}

/** The delta: what started since `since` and ended, and what was running at the last sync and is no more. */
async function readEndedSince(client: VideosdkClient, since: Date, before: OngoingSessions, bounds: ReadBounds): Promise<HistoryRead<VideosdkSession, OngoingSessions>> {
  const ongoing = toOngoing(await readOngoing(client));
  const started = await client.listAllSessions({ status: 'ended', startDate: Math.max(0, since.getTime() - START_SLACK_MS) });
  const listed = new Set(started.map((session) => session.id));
  const left = [...before].filter(([id]) => !ongoing.has(id) && !listed.has(id));
  const reread = await readLeft(client, left, bounds);
  return { items: [...started, ...reread.ended].filter(isEndedSession), cursor: new Map([...ongoing, ...reread.running]) };
}

/**
 * The sessions that left the ongoing list since the last sync, read again: by id (a deleted one
 * is gone), or from the ended list since the earliest of their starts when there are more of them
 * than a list read may make calls. The ones not found ended are remembered as running still.
 */
async function readLeft(client: VideosdkClient, left: [string, Date][], bounds: ReadBounds): Promise<{ ended: VideosdkSession[]; running: [string, Date][] }> {
  if (left.length <= bounds.maxPages) {
    const found = await pMap(left, ([id]) => client.getSession(id), { concurrency: bounds.pageConcurrency });
    const ended = found.filter((session) => session !== null && isEndedSession(session)) as VideosdkSession[];
    return { ended, running: left.filter((_, index) => found[index] !== null && !isEndedSession(found[index]!)) };
  }
  const earliest = Math.min(...left.map(([, start]) => start.getTime()));
  const listed = await client.listAllSessions({ status: 'ended', startDate: Math.max(0, earliest - START_SLACK_MS) });
  const ended = new Set(listed.filter(isEndedSession).map((session) => session.id));
  return { ended: listed.filter((session) => ended.has(session.id)), running: left.filter(([id]) => !ended.has(id)) };
}

/** The ongoing sessions that started before the delta margin: the later ones are in the next delta's `startDate` read. */
async function readOngoing(client: VideosdkClient): Promise<VideosdkSession[]> {
  return (await client.listAllSessions({ status: 'ongoing', endDate: Date.now() - HISTORY_DELTA_MARGIN_MS })).filter((session) => !isEndedSession(session));
}

function toOngoing(sessions: readonly VideosdkSession[]): OngoingSessions {
  return new Map(sessions.map((session) => [session.id, session.start]));
}
