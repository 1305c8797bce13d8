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
    super(code, `${providerLabel(call.provider)} ${call.method} ${call.path} failed: ${detail}`, {
      provider: call.provider.toUpperCase(),
      upstream: { method: call.method, path: call.path, status },
    });
  }
}

/** The provider's name as its makers write it, for messages. */
export function providerLabel(provider: ProviderName): string {
  return PROVIDER_INFO[provider].label;
}
