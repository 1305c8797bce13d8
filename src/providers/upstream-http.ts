import { Pool, errors as undiciErrors } from 'undici';
import { UpstreamError, type UpstreamCall, type UpstreamErrorCode } from '../domain/errors.js';
import type { ProviderName } from '../domain/model.js';

/** Timeouts of every upstream call, in milliseconds. */
export interface UpstreamTimeouts {
  connectMs: number;
  headersMs: number;
  bodyMs: number;
}

export interface UpstreamHttpOptions {
  provider: ProviderName;
  /** Origin plus optional path prefix, e.g. `https://meet.example.com` or `http://127.0.0.1:9/v2`. */
  baseUrl: string;
  timeouts: UpstreamTimeouts;
  /** Keep-alive connections per upstream. */
  connections?: number;
  /** Pulls the provider's own error message out of an error body (never a credential). */
  describeErrorBody?: (body: unknown) => string | null;
}

export interface UpstreamRequest {
  method: 'GET' | 'POST';
  /** Path below the base URL, starting with `/`. */
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  headers?: Record<string, string>;
  body?: string;
}

export interface UpstreamResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** The parsed JSON body. */
  body: unknown;
}

/** A JSON-over-HTTP client for one upstream; failures reject with a typed UpstreamError. */
export interface UpstreamHttp {
  request(request: UpstreamRequest): Promise<UpstreamResponse>;
  close(): Promise<void>;
}

/**
 * One keep-alive undici pool per upstream. This is the only place where HTTP statuses and network
 * failures become errors: 401/403 → UPSTREAM_UNAUTHORIZED, 404 → UPSTREAM_NOT_FOUND,
 * 429 → UPSTREAM_RATE_LIMITED, other 4xx → UPSTREAM_REJECTED, 5xx and refused connections →
 * UPSTREAM_UNAVAILABLE, timeouts → UPSTREAM_TIMEOUT, a body that is not JSON → UPSTREAM_BAD_RESPONSE.
 */
export function createUpstreamHttp(options: UpstreamHttpOptions): UpstreamHttp {
  const base = new URL(options.baseUrl);
  const prefix = base.pathname.replace(/\/+$/, '');
  const pool = new Pool(base.origin, {
    connections: options.connections ?? 16,
    connectTimeout: options.timeouts.connectMs,
    headersTimeout: options.timeouts.headersMs,
    bodyTimeout: options.timeouts.bodyMs,
    keepAliveTimeout: 30_000,
  });

  async function request(request: UpstreamRequest): Promise<UpstreamResponse> {
    const call: UpstreamCall = { provider: options.provider, method: request.method, path: request.path };
    const path = prefix + request.path + toQueryString(request.query);
    let response;
    try {
      response = await pool.request({ method: request.method, path, headers: request.headers, body: request.body });
    } catch (error) {
      throw toNetworkError(call, error);
    }
    const text = await readText(call, response.body);
    const body = parseJson(text);
    if (response.statusCode >= 400) {
      const detail = (body !== undefined && options.describeErrorBody?.(body)) || `HTTP ${response.statusCode}`;
      throw new UpstreamError(statusCode(response.statusCode), call, detail, response.statusCode, retryAfter(response.headers));
    }
    if (body === undefined) {
      throw new UpstreamError('UPSTREAM_BAD_RESPONSE', call, 'the response body is not valid JSON', response.statusCode);
    }
    return { status: response.statusCode, headers: response.headers, body };
  }

  return { request, close: () => pool.close() };
}

function toQueryString(query: UpstreamRequest['query']): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined) params.append(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

async function readText(call: UpstreamCall, body: { text(): Promise<string> }): Promise<string> {
  try {
    return await body.text();
  } catch (error) {
    throw toNetworkError(call, error);
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function statusCode(status: number): UpstreamErrorCode {
  if (status === 401 || status === 403) return 'UPSTREAM_UNAUTHORIZED';
  if (status === 404) return 'UPSTREAM_NOT_FOUND';
  if (status === 429) return 'UPSTREAM_RATE_LIMITED';
  if (status >= 500) return 'UPSTREAM_UNAVAILABLE';
  return 'UPSTREAM_REJECTED';
}

function retryAfter(headers: UpstreamResponse['headers']): number | null {
  const value = headers['retry-after'];
  const seconds = Number(Array.isArray(value) ? value[0] : value);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds : null;
}

function toNetworkError(call: UpstreamCall, error: unknown): UpstreamError {
  if (
    error instanceof undiciErrors.ConnectTimeoutError ||
    error instanceof undiciErrors.HeadersTimeoutError ||
    error instanceof undiciErrors.BodyTimeoutError
  ) {
    return new UpstreamError('UPSTREAM_TIMEOUT', call, `timed out (${error.code})`);
  }
  const code = (error as { code?: unknown }).code;
  const reason = typeof code === 'string' ? code : 'network error';
  return new UpstreamError('UPSTREAM_UNAVAILABLE', call, `could not be reached (${reason})`);
}
