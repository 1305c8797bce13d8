import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseConfig } from '../../src/config.js';
import { createGateway, type Gateway } from '../../src/gateway.js';
import { createLiveSandbox, type LiveSandbox } from '../../src/sandbox/live-sandbox.js';
import type { LiveDriver } from '../../src/sandbox/live-driver.js';
import type { LiveTimeline } from '../../src/sandbox/live-timeline.js';
import type { ProviderName } from '../../src/domain/model.js';
import { startSandboxes, type Sandboxes } from '../../src/sandbox/sandboxes.js';
import { attachGraphqlWs } from '../../src/server/graphql-ws.js';

/** A gateway over the live sandbox, served on loopback over HTTP, SSE and WebSocket, as `npm start` serves it. */
export interface LiveServedGateway {
  /** `http://127.0.0.1:PORT/graphql` */
  url: string;
  /** `ws://127.0.0.1:PORT/graphql` */
  wsUrl: string;
  gateway: Gateway;
  sandboxes: Sandboxes;
  live: LiveSandbox;
  /** The sandbox's timeline, delivering its webhooks to this gateway; tests call `step()`. */
  timeline: LiveTimeline;
  close(): Promise<void>;
}

/** Starts the simulators, their live drivers, a gateway verifying their webhooks, and its HTTP + WebSocket server. */
export async function serveLiveGateway(env: Record<string, string> = {}): Promise<LiveServedGateway> {
  const sandboxes = await startSandboxes();
  const live = createLiveSandbox(sandboxes);
  const gateway = createGateway(parseConfig({ LOG_LEVEL: 'silent', ...sandboxes.env, ...live.env, ...env }));
  const server = createServer(gateway.yoga);
  const sockets = attachGraphqlWs(server, gateway.yoga, { maxPayloadBytes: 64 * 1024 });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const timeline = live.createTimeline({ targetOrigin: `http://127.0.0.1:${port}`, seed: 7 });
  const close = async () => {
    await timeline.stop();
    await sockets.close();
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
    await gateway.close();
    await sandboxes.close();
  };
  return { url: `http://127.0.0.1:${port}/graphql`, wsUrl: `ws://127.0.0.1:${port}/graphql`, gateway, sandboxes, live, timeline, close };
}

/** `provider`'s live driver, and a room of it to act on (a live one when there is one). */
export function driverAndRoom(served: LiveServedGateway, provider: ProviderName): { driver: LiveDriver; roomId: string } {
  const driver = served.live.drivers.find((candidate) => candidate.provider === provider)!;
  return { driver, roomId: driver.liveRooms()[0]?.roomId ?? driver.idleRooms()[0]! };
}

/**
 * A live gateway with the cross-request cache off (each execution reads upstream for itself), with
 * the Telnyx driver and a Telnyx room to act on: what the subscription tests that count upstream
 * reads or serialisations start from.
 */
export async function serveTelnyxLiveGateway(): Promise<{ served: LiveServedGateway; driver: LiveDriver; roomId: string }> {
  const served = await serveLiveGateway({ CACHE_ENABLED: 'false' });
  return { served, ...driverAndRoom(served, 'telnyx') };
}

/** Signs each payload as `driver`'s provider does and posts it to this gateway's receiver, in order; throws unless each is taken (200). */
export async function postWebhooks(served: LiveServedGateway, driver: LiveDriver, payloads: unknown[]): Promise<void> {
  const target = `${new URL(served.url).origin}/webhooks/${driver.provider}`;
  for (const payload of payloads) {
    const { body, headers } = await driver.sign(payload, target);
    const response = await fetch(target, { method: 'POST', headers, body });
    if (response.status !== 200) throw new Error(`webhook refused with ${response.status}: ${await response.text()}`);
  }
}
