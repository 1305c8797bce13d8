/**
 * What a provider folder exports for the registry: how its configuration is read from the
 * environment and how the provider is made from it. The registry (`providers/registry.ts`) lists one
 * module per provider; nothing else in the gateway names a provider's files.
 */
import type { Env } from '../../config-values.js';
import type { ProviderName } from '../../domain/model.js';
import type { VideoProvider } from '../../domain/provider.js';
import type { UpstreamOptions } from '../http/upstream-options.js';
import type { ProviderWebhooks } from './provider-webhooks.js';

/** The configuration type of a provider's webhooks. */
export type WebhookConfigOf<Webhooks> = Webhooks extends ProviderWebhooks<infer Config> ? Config : never;

export interface ProviderModule<Config, WebhookConfig = unknown> {
  name: ProviderName;
  /** The variables that enable the provider: setting any of them turns it on (and requires the rest). */
  credentialVariables: readonly string[];
  /** The provider's configuration, or undefined when none of its credentials is set; ConfigError when incomplete. */
  parseConfig(env: Env): Config | undefined;
  /** The long-lived provider (its connection pool) for a configuration. */
  create(config: Config, upstream: UpstreamOptions): VideoProvider;
  /** Its live events: the webhook receiver's key variables, configuration and verifier (`<name>-webhooks.ts`). */
  webhooks: ProviderWebhooks<WebhookConfig>;
}
