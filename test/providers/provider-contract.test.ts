import { PROVIDER_NAMES } from '../../src/domain/model.js';
import { describeProviderContract } from './provider-contract.js';

// Every provider the gateway knows passes the same contract over its own simulator.
for (const name of PROVIDER_NAMES) describeProviderContract(name);
