/**
 * What a provider folder exports for live events (its `<name>-webhooks.ts`): which variables turn
 * its receiver on, and the receiver that verifies a delivery exactly as the provider's own helper
 * does and maps it to provider-neutral events. `src/server/webhook-routes.ts` serves them.
 */
import { createHash } from 'node:crypto';
import type { Env } from '../../config-values.js';
import type { ProviderName } from '../../domain/model.js';
import type { RoomEventDelivery } from '../../domain/room-events.js';
import { MalformedError } from './wire-readers.js';

/** One webhook request as received: the raw body bytes, untouched, and its headers. */
export interface WebhookRequest {
  body: Buffer;
  headers: Headers;
  /** When the gateway received it: the event time of events whose webhook carries none. */
  receivedAt: Date;
}

/**
 * A delivery the receiver refuses: 401 when its signature, token or timestamp does not verify,
 * 400 when it verifies but is not a payload the provider sends. `reason` is for the log; it never
 * holds a signature, a token or a key.
 */
export class WebhookRefusal extends Error {
  constructor(
    readonly status: 400 | 401 | 503,
    readonly reason: string,
  ) {
    super(reason);
    this.name = 'WebhookRefusal';
  }
}

/** Verifies and maps one provider's deliveries; rejects with WebhookRefusal and nothing else. */
export interface WebhookReceiver {
  provider: ProviderName;
  receive(request: WebhookRequest): Promise<RoomEventDelivery>;
}

export interface ProviderWebhooks<Config> {
  name: ProviderName;
  /** The variables whose presence turns the receiver on (README, "Live events"). */
  keyVariables: readonly string[];
  /** The receiver's configuration, or undefined (receiver off) when its key is not configured. */
  parseConfig(env: Env): Config | undefined;
  createReceiver(config: Config): WebhookReceiver;
}

/** Runs a wire parse of a verified body, turning malformed JSON or shapes into a 400 refusal. */
export function parseVerifiedBody<T>(body: Buffer, parse: (json: unknown) => T): T {
  let json: unknown;
  try {
    json = JSON.parse(body.toString('utf8'));
  } catch {
    throw new WebhookRefusal(400, 'body is not JSON');
  }
  try {
    return parse(json);
  } catch (error) {
    if (error instanceof MalformedError) throw new WebhookRefusal(400, `malformed payload: ${error.message}`);
    throw error;
  }
}

/** Standard base64 of the SHA-256 of `body`: plugNmeet's body claim, and VideoSDK's stand-in event id. */
export function toBodyDigest(body: Buffer, encoding: 'base64' | 'hex' = 'base64'): string {
  return createHash('sha256').update(body).digest(encoding);
}
