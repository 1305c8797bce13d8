/**
 * The providers' webhook receivers (each provider module's `webhooks`, from its `<name>-webhooks.ts`),
 * in the providers' stable rank. A receiver is on when its provider's verification key is configured.
 */
import type { Env } from '../config-values.js';
import { PROVIDER_NAMES, type ProviderName } from '../domain/model.js';
import type { WebhookReceiver } from '../domain/room-events.js';
import type { ProviderWebhooks } from './kit/provider-webhooks.js';
import type { WebhookConfigOf } from './kit/provider-module.js';
import { PROVIDER_MODULES } from './registry.js';


/** Each receiver's configuration; absent when the provider's webhook key is not configured (receiver off). */
export type WebhookConfigs = { [Name in ProviderName]?: WebhookConfigOf<(typeof PROVIDER_MODULES)[Name]['webhooks']> };

/** Reads every provider's webhook key from the environment; ConfigError names a bad variable. */
export function parseWebhookConfigs(env: Env): WebhookConfigs {
  return Object.fromEntries(
    PROVIDER_NAMES.map((name) => [name, PROVIDER_MODULES[name].webhooks.parseConfig(env)]).filter(([, config]) => config !== undefined),
  ) as WebhookConfigs;
}

/** One receiver per configured provider. */
export function createWebhookReceivers(configs: WebhookConfigs): Map<ProviderName, WebhookReceiver> {
  return new Map(
    PROVIDER_NAMES.flatMap((name) => {
      const config = configs[name];
      const webhooks = PROVIDER_MODULES[name].webhooks as ProviderWebhooks<unknown>;
      return config === undefined ? [] : [[name, webhooks.createReceiver(config)] as const];
    }),
  );
}
