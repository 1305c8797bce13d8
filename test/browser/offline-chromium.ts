import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

/** Debian's chromium package; `.ci/run` installs it when it is missing. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

/**
 * The hosts Debian's Chromium contacts on its own (it ships Google API keys in /etc/chromium.d/apikeys)
 * despite Playwright's and our `--disable-*` switches: account listing at start-up, the update check
 * of its built-in components, and autofill field-type predictions for any page with inputs. None of
 * it is a request of the page; the sink refuses all of it, so nothing leaves the machine.
 */
export const CHROMIUM_OWN_SERVICE_HOSTS: ReadonlySet<string> = new Set([
  'accounts.google.com',
  'update.googleapis.com',
  'content-autofill.googleapis.com',
]);

/** A connection Chromium tried to make through the sink proxy. */
export interface ProxiedConnection {
  /** The request line as sent, e.g. `CONNECT accounts.google.com:443 HTTP/1.1`. */
  requestLine: string;
  /** The host it was bound for. */
  host: string;
}

/** A headless Chromium that cannot reach anything but loopback, and records every attempt to reach further. */
export interface OfflineChromium {
  context: BrowserContext;
  /** Page requests to a host other than 127.0.0.1/localhost; each was aborted. */
  blockedRequests: string[];
  /**
   * Connections that reached the sink proxy: Chromium routes every non-loopback connection through it,
   * including the browser's own background traffic that page routing cannot see. Each was refused.
   */
  proxiedConnections: ProxiedConnection[];
  close(): Promise<void>;
}

/**
 * Launches Debian's Chromium headless with a new empty profile. Page requests to other hosts are
 * aborted; anything else that would leave the machine goes to a loopback proxy that refuses it.
 * Throws, naming `.ci/run`, when Chromium is not installed.
 */
export async function launchOfflineChromium(): Promise<OfflineChromium> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`${CHROMIUM_PATH} is missing: .ci/run installs Debian's chromium package (apt-get install -y chromium).`);
  }
  const sink = await startProxySink();
  const profile = await mkdtemp(join(tmpdir(), 'roomgraph-chromium-'));
  const asRoot = process.getuid?.() === 0;
  const context = await chromium
    .launchPersistentContext(profile, {
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: [
        ...(asRoot ? ['--no-sandbox'] : []),
        '--headless',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        // Loopback bypasses a proxy by default, so only traffic bound elsewhere reaches the sink.
        `--proxy-server=http://127.0.0.1:${sink.port}`,
      ],
    })
    .catch(async (error: unknown) => {
      await Promise.all([sink.close(), rm(profile, { recursive: true, force: true })]);
      throw error;
    });
  const blockedRequests: string[] = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (isLoopback(url)) return route.continue();
    blockedRequests.push(url);
    return route.abort('blockedbyclient');
  });
  const close = async () => {
    await context.close();
    await sink.close();
    await rm(profile, { recursive: true, force: true });
  };
  return { context, blockedRequests, proxiedConnections: sink.connections, close };
}

function isLoopback(url: string): boolean {
  const { protocol, hostname } = new URL(url);
  if (protocol === 'data:' || protocol === 'blob:') return true;
  return hostname === '127.0.0.1' || hostname === 'localhost' || hostname === '[::1]';
}

/** A TCP server that records the request line each client sends (`CONNECT host:443 …`) and refuses it. */
async function startProxySink(): Promise<{ port: number; connections: ProxiedConnection[]; close(): Promise<void> }> {
  const connections: ProxiedConnection[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    socket.once('data', (chunk: Buffer) => {
      const requestLine = chunk.toString('latin1').split('\r\n', 1)[0] ?? '';
      connections.push({ requestLine, host: toTargetHost(requestLine) });
      socket.end('HTTP/1.1 403 Forbidden\r\ncontent-length: 0\r\nconnection: close\r\n\r\n');
    });
    socket.on('error', () => socket.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const close = () =>
    new Promise<void>((resolve) => {
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    });
  return { port: (server.address() as AddressInfo).port, connections, close };
}

/** The host of a proxy request line: `CONNECT host:port` or an absolute-form `GET http://host/…`. */
function toTargetHost(requestLine: string): string {
  const target = requestLine.split(' ')[1] ?? '';
  if (/^[a-z]+:\/\//i.test(target)) return new URL(target).hostname;
  return target.replace(/:\d+$/, '');
}
