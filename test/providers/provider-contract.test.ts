import { PROVIDER_NAMES } from '../../src/domain/model.js';
import { describeProviderContract } from './provider-contract.js';

// Every provider the gateway knows passes the same contract over its own simulator.
for (const name of PROVIDER_NAMES) describeProviderContract(name);
// The same orders and filters served by each provider's history index: synced on every read, and from one build.
for (const name of PROVIDER_NAMES) for (const cacheTtlMs of [0, 60_000]) describeProviderContract(name, { cacheTtlMs });
