/**
 * `npm run sandbox`: runs the provider simulators alone and prints, per provider, the environment
 * that points a gateway (or any client, such as the providers' own SDKs) at them.
 */
import { MAX_SANDBOX_HISTORY } from './demo-timeline.js';
import { startSandboxes, type Sandboxes } from './sandboxes.js';

const basePort = process.env.SANDBOX_PORT ? Number(process.env.SANDBOX_PORT) : 4100;
// SANDBOX_HISTORY: ended sessions per provider (unset: the demo's few dozen).
const history = process.env.SANDBOX_HISTORY ? Number(process.env.SANDBOX_HISTORY) : undefined;
if (history !== undefined && !(Number.isInteger(history) && history >= 0 && history <= MAX_SANDBOX_HISTORY)) {
  console.error(`roomgraph sandbox: SANDBOX_HISTORY must be an integer from 0 to ${MAX_SANDBOX_HISTORY}.`);
  process.exit(1);
}
let sandboxes: Sandboxes;
try {
  sandboxes = await startSandboxes({ basePort, history });
} catch (error) {
  // A port in use is one clear line, not a stack trace.
  const { code, port } = error as NodeJS.ErrnoException & { port?: number };
  const reason = code === 'EADDRINUSE' ? `port ${port ?? basePort} on 127.0.0.1 is already in use: stop what uses it or set SANDBOX_PORT to another port.` : `cannot start: ${(error as Error).message}`;
  console.error(`roomgraph sandbox: ${reason}`);
  process.exit(1);
}
console.log('roomgraph sandbox: provider simulators on loopback (demo credentials, not secrets).');
for (const [provider, simulator] of Object.entries(sandboxes.simulators)) {
  const assignments = Object.entries(simulator.env).map(([name, value]) => `${name}=${value}`);
  console.log(`# ${provider}\n${assignments.join(' ')}`);
}
const stop = () => void sandboxes.close().then(() => process.exit(0));
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
