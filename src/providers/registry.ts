/**
 * The providers the gateway knows: one module per provider folder, in the providers' stable rank.
 * Adding a provider means adding its module here (see docs/new-provider.md).
 */
import { isSet, type Env } from '../config-values.js';
import { PROVIDER_NAMES, type ProviderName } from '../domain/model.js';
import type { VideoProvider } from '../domain/provider.js';
import type { UpstreamOptions } from './http/upstream-options.js';
import type { ProviderModule } from './kit/provider-module.js';
import { plugnmeetModule } from './plugnmeet/plugnmeet-provider.js';
import { telnyxModule } from './telnyx/telnyx-provider.js';
import { videosdkModule } from './videosdk/videosdk-provider.js';

export const PROVIDER_MODULES = {
  plugnmeet: plugnmeetModule,
  videosdk: videosdkModule,
  telnyx: telnyxModule,
} satisfies { [Name in ProviderName]: { name: Name } };

type ConfigOf<Module> = Module extends ProviderModule<infer Config> ? Config : never;

/** Each configured provider's configuration; a provider is absent when none of its credentials is set. */
export type ProviderConfigs = { [Name in ProviderName]?: ConfigOf<(typeof PROVIDER_MODULES)[Name]> };

/** Reads every provider's configuration from the environment; ConfigError names a bad variable. */
export function parseProviderConfigs(env: Env): ProviderConfigs {
  return Object.fromEntries(
    PROVIDER_NAMES.map((name) => [name, PROVIDER_MODULES[name].parseConfig(env)]).filter(([, config]) => config !== undefined),
  ) as ProviderConfigs;
}

/** Whether any provider has a credential set; without any, `npm start` serves the sandbox. */
export function hasProviderCredentials(env: Env): boolean {
  return PROVIDER_NAMES.some((name) => PROVIDER_MODULES[name].credentialVariables.some((variable) => isSet(env[variable])));
}

/** One provider per configured provider, in the providers' stable rank. */
export function createProviders(configs: ProviderConfigs, upstream: UpstreamOptions): VideoProvider[] {
  return PROVIDER_NAMES.flatMap((name) => {
    const config = configs[name];
    const module = PROVIDER_MODULES[name] as ProviderModule<unknown>;
    return config === undefined ? [] : [module.create(config, upstream)];
  });
}
