/**
 * History at scale: for each provider, order and filter, the cost of the first page of
 * `pastRooms(first: 20)` and of the page after ten pages, at a given history size: time, upstream
 * calls and bytes the upstream sent. One request each, at 0 ms upstream latency.
 */
import type { Traffic } from './bench-simulators.js';
import type { ServerContender, SimulatorProcess } from './contenders.js';
import { postGraphQL, type GraphQLAnswer } from './scenarios.js';

const PROVIDERS = ['PLUGNMEET', 'VIDEOSDK', 'TELNYX'] as const;
const ORDERS = ['CREATED_AT DESC', 'CREATED_AT ASC', 'ENDED_AT DESC'] as const;
const FILTERS = ['none', 'one room', 'createdAt 30 days'] as const;
const PAGE = 20;
/** The demo history's last instant (src/sandbox/demo-timeline.ts): the range filter ends there. */
const ANCHOR = Date.parse('2026-11-01T12:00:00Z');

/** The cost of one page read. */
export interface PageCost {
  ms: number;
  calls: number;
  kilobytes: number;
  /** The error code when the read was refused; `no page` when the list ended before it. */
  outcome: string;
}

export interface HistoryRow {
  history: number;
  provider: string;
  order: string;
  filter: string;
  first: PageCost;
  eleventh: PageCost;
}

interface Page {
  totalCount: number;
  pageInfo: { endCursor: string | null; hasNextPage: boolean };
  edges: { node: { roomId: string } }[];
}

function toQuery(provider: string, order: string, filter: string, roomId: string): string {
  const [field, direction] = order.split(' ');
  const parts = [`provider: ${provider}`];
  if (filter === 'one room') parts.push(`roomIds: [${JSON.stringify(roomId)}]`);
  if (filter === 'createdAt 30 days') parts.push(`createdAt: { from: "${new Date(ANCHOR - 30 * 86_400_000).toISOString()}", to: "${new Date(ANCHOR).toISOString()}" }`);
  return `query H($after: String) { pastRooms(first: ${PAGE}, after: $after, filter: { ${parts.join(', ')} }, orderBy: { field: ${field}, direction: ${direction} }) { totalCount pageInfo { endCursor hasNextPage } edges { node { roomId } } } }`;
}

function sum(traffic: Traffic, field: 'calls' | 'bytes'): number {
  return Object.values(traffic).reduce((total, provider) => total + provider[field], 0);
}

async function measurePage(server: ServerContender, simulators: SimulatorProcess, query: string, after: string | null): Promise<{ cost: PageCost; page: Page | null }> {
  const before = await simulators.traffic();
  const start = performance.now();
  const { answer } = await postGraphQL(server.url, JSON.stringify({ query, variables: { after } }));
  const ms = performance.now() - start;
  const after_ = await simulators.traffic();
  const code = (answer as GraphQLAnswer & { errors?: { extensions?: { code?: string } }[] }).errors?.[0]?.extensions?.code;
  const cost = { ms, calls: sum(after_, 'calls') - sum(before, 'calls'), kilobytes: (sum(after_, 'bytes') - sum(before, 'bytes')) / 1024, outcome: code ?? 'ok' };
  return { cost, page: code ? null : (answer.data?.pastRooms as Page) };
}

/** Every provider × order × filter at the history the simulators were started with. */
export async function measureHistory(history: number, server: ServerContender, simulators: SimulatorProcess, onRow: (row: HistoryRow) => void): Promise<HistoryRow[]> {
  const rows: HistoryRow[] = [];
  for (const provider of PROVIDERS) {
    // The room of the "one room" filter: found without reading the history, which may be refused.
    const listed = await postGraphQL(server.url, JSON.stringify({ query: `{ activeRooms(provider: ${provider}, first: 1) { edges { node { roomId } } } }` }));
    const roomId = (listed.answer.data?.activeRooms as Page | undefined)?.edges[0]?.node.roomId ?? '';
    for (const order of ORDERS) {
      for (const filter of FILTERS) {
        const query = toQuery(provider, order, filter, roomId);
        const first = await measurePage(server, simulators, query, null);
        let cursor = first.page?.pageInfo.hasNextPage ? first.page.pageInfo.endCursor : null;
        for (let page = 2; page <= 10 && cursor; page += 1) {
          const { answer } = await postGraphQL(server.url, JSON.stringify({ query, variables: { after: cursor } }));
          const read = answer.data?.pastRooms as Page | undefined;
          cursor = read?.pageInfo.hasNextPage ? read.pageInfo.endCursor : null;
        }
        const eleventh = cursor ? (await measurePage(server, simulators, query, cursor)).cost : { ms: 0, calls: 0, kilobytes: 0, outcome: 'no page' };
        const row = { history, provider, order, filter, first: first.cost, eleventh };
        rows.push(row);
        onRow(row);
      }
    }
  }
  return rows;
}

function formatCost(cost: PageCost): string[] {
  if (cost.outcome === 'no page') return ['(fewer than 11 pages)', '', ''];
  const ms = cost.ms >= 100 ? cost.ms.toFixed(0) : cost.ms.toFixed(1);
  return [cost.outcome === 'ok' ? ms : `${ms} **${cost.outcome}**`, String(cost.calls), cost.kilobytes.toFixed(0)];
}

/** One table per provider: order, filter and history per row, page 1 and page 11 side by side. */
export function formatHistoryTables(rows: HistoryRow[]): string {
  return PROVIDERS.map((provider) => {
    const lines = rows
      .filter((row) => row.provider === provider)
      .sort((a, b) => a.order.localeCompare(b.order) || a.filter.localeCompare(b.filter) || a.history - b.history)
      .map((row) => `| ${row.order} | ${row.filter} | ${row.history} | ${[...formatCost(row.first), ...formatCost(row.eleventh)].join(' | ')} |`);
    return [
      `#### ${provider}: \`pastRooms(first: ${PAGE})\`, one request each`,
      '',
      '| order | filter | history | page 1 ms | calls | KB | page 11 ms | calls | KB |',
      '|---|---|---|---|---|---|---|---|---|',
      ...lines,
    ].join('\n');
  }).join('\n\n');
}
