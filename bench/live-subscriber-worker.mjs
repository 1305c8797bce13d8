// The subscribers of bench/live-subscribers.ts, in a worker thread so that the gateway's heap
// (the main thread's) holds only the gateway's side of each subscription. Plain JS: no loader needed.
import { parentPort, workerData } from 'node:worker_threads';
import { Agent, fetch } from 'undici';

const { url, subscribers, query } = workerData;
const agent = new Agent({ connections: subscribers + 10, pipelining: 0 });
const counts = new Array(subscribers).fill(0);
const latencies = [];
const controllers = [];

async function subscribe(index) {
  const controller = new AbortController();
  controllers.push(controller);
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
    body: JSON.stringify({ query }),
    signal: controller.signal,
    dispatcher: agent,
  });
  const decoder = new TextDecoder();
  let buffer = '';
  (async () => {
    try {
      for await (const chunk of response.body) {
        buffer += decoder.decode(chunk, { stream: true });
        let end;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (!block.startsWith('event: next') || !data) continue;
          const event = JSON.parse(data).data.roomEvents;
          counts[index] += 1;
          latencies.push(Date.now() - Date.parse(event.occurredAt));
        }
      }
    } catch {
      // aborted
    }
  })();
}

parentPort.on('message', async (message) => {
  if (message === 'open') {
    for (let index = 0; index < subscribers; index += 1) await subscribe(index);
    parentPort.postMessage({ type: 'opened' });
  } else if (message === 'report') {
    parentPort.postMessage({ type: 'report', counts, latencies });
  } else if (message === 'close') {
    for (const controller of controllers) controller.abort();
    await agent.close().catch(() => undefined);
    parentPort.postMessage({ type: 'closed' });
  }
});
