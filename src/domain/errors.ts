import { PROVIDER_INFO, type ProviderName } from './model.js';

/**
 * The one error hierarchy of the gateway. Every error a client may see is a GatewayError with a
 * stable `code`; the yoga error mask turns it into `extensions.code` and masks everything else.
 * Messages never contain secrets: they name the provider, the operation and what went wrong.
 */
export class GatewayError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }

  /** What a client is told: the message, truncated; subclasses withhold what only the log may see. */
  clientMessage(): string {
    return toEcho(this.message, MAX_CLIENT_MESSAGE_LENGTH);
  }
}

/** The longest echo of one client input (an id, a path) inside a message or extension. */
export const MAX_ECHO_LENGTH = 64;

/** The longest message a client is sent for one error. */
export const MAX_CLIENT_MESSAGE_LENGTH = 300;

/** `text` cut to `max` characters (with `…` marking the cut), so no error repeats an input whole. */
export function toEcho(text: string, max = MAX_ECHO_LENGTH): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** The GatewayError an error is or wraps (graphql-js keeps the thrown error as `originalError`). */
export function findGatewayError(error: unknown): GatewayError | null {
  for (let current = error, depth = 0; current && depth < 5; depth += 1) {
    if (current instanceof GatewayError) return current;
    current = (current as { originalError?: unknown }).originalError;
  }
  return null;
}

/** An argument the client sent is invalid (range, format, combination). */
export class UserInputError extends GatewayError {
  constructor(message: string, extensions: Record<string, unknown> = {}, code = 'BAD_USER_INPUT') {
    super(code, message, extensions);
  }
}

/** A global id that is not one of ours (garbled, wrong type, wrong shape). */
export class InvalidIdError extends UserInputError {
  constructor(message: string) {
    super(message, {}, 'INVALID_ID');
  }
}

/** A connection cursor that this gateway did not issue for this connection. */
export class InvalidCursorError extends UserInputError {
  constructor(message: string) {
    super(message, {}, 'INVALID_CURSOR');
  }
}

/** Why a request's work was stopped before it finished: its deadline, its client, or the gateway's shutdown. */
export type RequestAbortCode = 'REQUEST_TIMEOUT' | 'REQUEST_CANCELLED' | 'SHUTTING_DOWN';

const ABORT_MESSAGES: Record<RequestAbortCode, string> = {
  REQUEST_TIMEOUT: 'The request ran past its deadline; its remaining work was stopped.',
  REQUEST_CANCELLED: 'The client went away; the request\'s remaining work was stopped.',
  SHUTTING_DOWN: 'The gateway is shutting down; the request\'s remaining work was stopped.',
};

/** The reason a request's AbortSignal carries; upstream calls cut by it reject with this error. */
export class RequestAbortedError extends GatewayError {
  constructor(code: RequestAbortCode) {
    super(code, ABORT_MESSAGES[code]);
  }
}

/** A provider the query names is not configured on this gateway. */
export class ProviderDisabledError extends GatewayError {
  constructor(readonly provider: ProviderName) {
    super('PROVIDER_DISABLED', `Provider ${provider} is not enabled on this gateway.`, { provider });
  }
}

/** The object asked for by its provider id does not exist upstream. */
export class NotFoundError extends GatewayError {
  constructor(message: string, extensions: Record<string, unknown> = {}) {
    super('NOT_FOUND', message, extensions);
  }
}

/** Stable codes of upstream failures. */
export type UpstreamErrorCode =
  | 'UPSTREAM_UNAUTHORIZED'
  | 'UPSTREAM_RATE_LIMITED'
  | 'UPSTREAM_UNAVAILABLE'
  | 'UPSTREAM_TIMEOUT'
  | 'UPSTREAM_BAD_RESPONSE'
  | 'UPSTREAM_NOT_FOUND'
  | 'UPSTREAM_REJECTED'
  | 'UPSTREAM_CIRCUIT_OPEN'
  | 'UPSTREAM_LIMIT_EXCEEDED'
  | 'UPSTREAM_ERROR';

/** Where an upstream call went: enough to find it in the provider's docs, never a credential. */
export interface UpstreamCall {
  provider: ProviderName;
  method: string;
  path: string;
}

/** An upstream call failed: the network, the status, the body or the provider's own error flag. */
export class UpstreamError extends GatewayError {
  constructor(
    code: UpstreamErrorCode,
    readonly call: UpstreamCall,
    detail: string,
    readonly status: number | null = null,
    readonly retryAfterSeconds: number | null = null,
  ) {
    super(code, `${providerLabel(call.provider)} ${call.method} ${toEcho(call.path)} failed: ${detail}`, {
      provider: call.provider.toUpperCase(),
      upstream: { method: call.method, path: toEcho(call.path), status },
    });
  }

  /**
   * The provider's own words (and the gateway's diagnosis) stay in the log: they may hold anything
   * the upstream chose to say. Clients get the call and a fixed sentence for the code.
   */
  override clientMessage(): string {
    return `${providerLabel(this.call.provider)} ${this.call.method} ${toEcho(this.call.path)} failed: ${UPSTREAM_SENTENCES[this.code as UpstreamErrorCode]}`;
  }
}

/** The one sentence a client reads for each upstream failure. */
const UPSTREAM_SENTENCES: Record<UpstreamErrorCode, string> = {
  UPSTREAM_UNAUTHORIZED: "the provider refused the gateway's credentials",
  UPSTREAM_RATE_LIMITED: 'the provider is rate-limiting the gateway',
  UPSTREAM_UNAVAILABLE: 'the provider could not be reached or answered with a server error',
  UPSTREAM_TIMEOUT: 'the provider did not answer in time',
  UPSTREAM_BAD_RESPONSE: "the provider's answer could not be used",
  UPSTREAM_NOT_FOUND: 'the provider does not know this object',
  UPSTREAM_REJECTED: 'the provider refused the request',
  UPSTREAM_CIRCUIT_OPEN: 'not attempted: the provider failed repeatedly and is given time to recover',
  UPSTREAM_LIMIT_EXCEEDED: 'the list is longer than the gateway reads for one request',
  UPSTREAM_ERROR: 'the provider reported an error',
};

/** The provider's name as its makers write it, for messages. */
export function providerLabel(provider: ProviderName): string {
  return PROVIDER_INFO[provider].label;
}
