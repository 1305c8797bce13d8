/**
 * What a provider folder exports for live events (its `<name>-webhooks.ts`): which variables turn
 * its receiver on, and the receiver that verifies a delivery exactly as the provider's own helper
 * does and maps it to provider-neutral events. `src/server/webhook-routes.ts` serves them.
 */
import { createHash } from 'node:crypto';
import type { Env } from '../../config-values.js';
import type { ProviderName } from '../../domain/model.js';
import { WebhookRefusal, type WebhookReceiver } from '../../domain/room-events.js';
import { MalformedError } from './wire-readers.js';

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
