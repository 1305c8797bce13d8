import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE_QUERY } from '../../src/server/example-query.js';
import { schema } from '../../src/schema/index.js';
import { serveSandboxGateway, type ServedGateway } from '../support/serve-gateway.js';
import { CHROMIUM_OWN_SERVICE_HOSTS, launchOfflineChromium, type OfflineChromium } from './offline-chromium.js';

// GraphiQL as a developer meets it: Debian's Chromium, no internet, the page served by the gateway
// itself. The cases run in order on one page (load → docs → run), then audit what it did.

let served: ServedGateway;
let browser: OfflineChromium | undefined;
let launchFailure: Error | undefined;
let page: Page;
let htmlContentType: string | undefined;
const pageErrors: string[] = [];
const consoleErrors: string[] = [];
const pageRequests: string[] = [];

beforeAll(async () => {
  served = await serveSandboxGateway();
  // A missing Chromium must fail every case with its reason, not leave them reported as skipped.
  try {
    browser = await launchOfflineChromium();
  } catch (error) {
    launchFailure = error as Error;
    return;
  }
  page = browser.context.pages()[0] ?? (await browser.context.newPage());
  page.setDefaultTimeout(15_000);
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('console', (message) => void (message.type() === 'error' && consoleErrors.push(message.text())));
  page.on('request', (request) => pageRequests.push(`${request.method()} ${request.url()}`));
  const response = await page.goto(served.url, { waitUntil: 'load' });
  htmlContentType = response?.headers()['content-type'];
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await served?.close();
});

/** The text of the Monaco editor mounted inside the given GraphiQL panel (all of it, not only the rendered lines). */
async function editorText(panelSelector: string): Promise<string | undefined> {
  return page.evaluate((selector) => {
    type Editor = { getContainerDomNode(): HTMLElement; getValue(): string };
    const monaco = (globalThis as { __MONACO?: { editor: { getEditors(): Editor[] } } }).__MONACO;
    const panel = document.querySelector(selector);
    return monaco?.editor.getEditors().find((editor) => panel?.contains(editor.getContainerDomNode()))?.getValue();
  }, panelSelector);
}

/** The launched browser; throws why it could not be launched (for instance, Chromium is not installed). */
function launched(): OfflineChromium {
  if (!browser) throw launchFailure ?? new Error('Chromium was not launched');
  return browser;
}

describe('GraphiQL in headless Chromium, offline', () => {
  it('serves GraphiQL at /graphql with the example query in the editor', async () => {
    launched();
    expect(htmlContentType).toMatch(/^text\/html/);
    await expect(page.title()).resolves.toBe('roomgraph');
    const editor = page.locator('.graphiql-query-editor');
    await editor.getByText('query Overview').waitFor();
    expect(await editorText('.graphiql-query-editor')).toBe(EXAMPLE_QUERY);
  });

  it('shows Query.pastRooms with its description in the docs explorer', async () => {
    launched();
    await page.getByLabel('Show Documentation Explorer').first().click();
    const docs = page.locator('.graphiql-doc-explorer');
    await docs.getByText('Query', { exact: true }).click();
    const pastRooms = schema.getQueryType()!.getFields().pastRooms!;
    await docs.getByText(pastRooms.description!.replaceAll('`', '')).waitFor();
    await docs.getByText('pastRooms', { exact: true }).click();
    await docs.locator('.graphiql-doc-explorer-title', { hasText: 'pastRooms' }).waitFor();
    const text = await docs.innerText();
    for (const argument of pastRooms.args) expect(text).toContain(argument.name);
    expect(text).toContain('PastRoomConnection');
  });

  it('runs the example query and shows the merged past rooms in the result panel', async () => {
    launched();
    await page.getByLabel('Execute query (Ctrl-Enter)').click();
    const result = page.locator('.graphiql-response');
    await result.getByText('"data"').waitFor();
    await result.getByText('"PLUGNMEET"').first().waitFor();
    const shown = await editorText('.graphiql-response');
    expect(shown).toContain('"pastRooms"');
    const body = JSON.parse(shown!) as {
      errors?: unknown;
      data: { pastRooms: { totalCount: number; edges: { node: { provider: string } }[] } };
    };
    expect(body.errors).toBeUndefined();
    expect(body.data.pastRooms.edges).toHaveLength(10);
    expect(body.data.pastRooms.totalCount).toBeGreaterThan(10);
    expect(new Set(body.data.pastRooms.edges.map((edge) => edge.node.provider))).toEqual(new Set(['PLUGNMEET', 'VIDEOSDK', 'TELNYX']));
  });

  it('loads everything from the gateway and sends nothing off the machine', () => {
    const { blockedRequests, proxiedConnections } = launched();
    // The page, its introspection query and the example query: every request goes to the gateway's
    // own endpoint (scripts, styles, fonts and editor workers are inline), none had to be blocked.
    expect(pageRequests.length).toBeGreaterThanOrEqual(3);
    expect(pageRequests.filter((request) => !/^(GET|POST) /.test(request) || !request.endsWith(` ${served.url}`))).toEqual([]);
    expect(blockedRequests).toEqual([]);
    // Chromium's own Google services are the only traffic bound elsewhere, and the sink refused it;
    // a CDN or any other host here (say, from a worker that page routing missed) fails the test.
    const foreign = proxiedConnections.filter((connection) => !CHROMIUM_OWN_SERVICE_HOSTS.has(connection.host));
    expect(foreign).toEqual([]);
  });

  it('raises no page errors and logs no console errors', () => {
    launched();
    expect(pageErrors).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });
});
