/**
 * The providers' webhook receivers, one `<name>-webhooks.ts` per provider folder, in the providers'
 * stable rank. A receiver is on when its provider's verification key is configured.
 */
import type { Env } from '../config-values.js';
import { PROVIDER_NAMES, type ProviderName } from '../domain/model.js';
import type { WebhookReceiver } from '../domain/room-events.js';
import type { ProviderWebhooks } from './kit/provider-webhooks.js';
import { plugnmeetWebhooks } from './plugnmeet/plugnmeet-webhooks.js';
import { telnyxWebhooks } from './telnyx/telnyx-webhooks.js';
import { videosdkWebhooks } from './videosdk/videosdk-webhooks.js';

export const PROVIDER_WEBHOOKS = {
  plugnmeet: plugnmeetWebhooks,
  videosdk: videosdkWebhooks,
  telnyx: telnyxWebhooks,
} satisfies { [Name in ProviderName]: { name: Name } };

type ConfigOf<Webhooks> = Webhooks extends ProviderWebhooks<infer Config> ? Config : never;

/** Each receiver's configuration; absent when the provider's webhook key is not configured (receiver off). */
export type WebhookConfigs = { [Name in ProviderName]?: ConfigOf<(typeof PROVIDER_WEBHOOKS)[Name]> };

/** Reads every provider's webhook key from the environment; ConfigError names a bad variable. */
export function parseWebhookConfigs(env: Env): WebhookConfigs {
  return Object.fromEntries(
    PROVIDER_NAMES.map((name) => [name, PROVIDER_WEBHOOKS[name].parseConfig(env)]).filter(([, config]) => config !== undefined),
  ) as WebhookConfigs;
}

/** One receiver per configured provider. */
export function createWebhookReceivers(configs: WebhookConfigs): Map<ProviderName, WebhookReceiver> {
  return new Map(
    PROVIDER_NAMES.flatMap((name) => {
      const config = configs[name];
      const webhooks = PROVIDER_WEBHOOKS[name] as ProviderWebhooks<unknown>;
      return config === undefined ? [] : [[name, webhooks.createReceiver(config)] as const];
    }),
  );
}
