/**
 * The stock-yoga reference's upstream calls, written by hand as a small service would: undici's
 * `request` on its global pool, the providers' auth (plugNmeet HMAC, a cached VideoSDK JWT, the
 * Telnyx key), JSON bodies taken as they come. The same calls roomgraph makes for S1–S3.
 */
import { createHmac } from 'node:crypto';
import { SignJWT } from 'jose';
import { request } from 'undici';

const env = process.env as Record<string, string>;
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

async function getJson(url: string, headers: Record<string, string>, init: { method?: 'GET' | 'POST'; body?: string } = {}): Promise<Json> {
  const response = await request(url, { method: init.method ?? 'GET', headers, body: init.body });
  if (response.statusCode !== 200) throw new Error(`${url} answered ${response.statusCode}`);
  return (await response.body.json()) as Json;
}

/** plugNmeet: a signed POST under `/auth`. */
export function plugnmeet(path: string, payload: object): Promise<Json> {
  const body = JSON.stringify(payload);
  const signature = createHmac('sha256', env.PLUGNMEET_API_SECRET!).update(body).digest('hex');
  const headers = { 'content-type': 'application/json', 'api-key': env.PLUGNMEET_API_KEY!, 'hash-signature': signature };
  return getJson(`${env.PLUGNMEET_URL}/auth${path}`, headers, { method: 'POST', body });
}

let videosdkToken: Promise<string> | null = null;

/** VideoSDK: a GET with the REST token (minted once, valid for an hour: longer than any benchmark). */
export function videosdk(pathAndQuery: string): Promise<Json> {
  videosdkToken ??= new SignJWT({ apikey: env.VIDEOSDK_API_KEY, permissions: ['allow_join', 'allow_mod'], version: 2, roles: ['crawler'] })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuedAt()
    .setExpirationTime('1h')
    .sign(new TextEncoder().encode(env.VIDEOSDK_API_SECRET));
  return videosdkToken.then((token) => getJson(`${env.VIDEOSDK_API_URL}${pathAndQuery}`, { authorization: token }));
}

/** Telnyx: a GET with the bearer key. */
export function telnyx(pathAndQuery: string): Promise<Json> {
  return getJson(`${env.TELNYX_API_URL}${pathAndQuery}`, { authorization: `Bearer ${env.TELNYX_API_KEY}` });
}

/** Every page of a VideoSDK list: page 1, then the rest together. */
export async function videosdkAll(path: string, query: string): Promise<Json[]> {
  const first = await videosdk(`${path}?${query}&page=1&perPage=20`);
  const rest = Array.from({ length: Math.max(0, first.pageInfo.lastPage - 1) }, (_, index) => videosdk(`${path}?${query}&page=${index + 2}&perPage=20`));
  return [first, ...(await Promise.all(rest))].flatMap((page) => page.data as Json[]);
}

/** Every page of a Telnyx list: page 1, then the rest together. */
export async function telnyxAll(path: string, query: string): Promise<Json[]> {
  const page = (number: number) => telnyx(`${path}?${query}&page%5Bsize%5D=250&page%5Bnumber%5D=${number}`);
  const first = await page(1);
  const rest = Array.from({ length: Math.max(0, first.meta.total_pages - 1) }, (_, index) => page(index + 2));
  return [first, ...(await Promise.all(rest))].flatMap((list) => list.data as Json[]);
}
