/**
 * A minimal GraphQL-over-SSE reader (Yoga's distinct-connections mode): POSTs the operation with
 * `Accept: text/event-stream` and yields each `next` event's payload, until `complete` or abort.
 */
export interface SseSubscription {
  /** The payloads (`{ data, errors }`) in arrival order. */
  results: AsyncGenerator<{ data?: Record<string, unknown> | null; errors?: { message: string; extensions?: Record<string, unknown> }[] }>;
  close(): void;
}

export async function subscribeSse(
  fetchFn: (input: string, init: RequestInit) => Promise<Response>,
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<SseSubscription> {
  const controller = new AbortController();
  const response = await fetchFn(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
    body: JSON.stringify({ query, variables }),
    signal: controller.signal,
  });
  if (!response.ok || !response.body) throw new Error(`subscription refused: ${response.status}`);
  const reader = response.body.getReader();
  async function* results() {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += decoder.decode(value, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event = /^event: (\w+)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (event === 'complete') return;
          if (event === 'next' && data) yield JSON.parse(data);
        }
      }
    } catch (error) {
      if (!controller.signal.aborted) throw error;
    }
  }
  // A client that goes away cancels its response stream (as the node server does when the socket closes).
  const close = () => void reader.cancel().catch(() => undefined).finally(() => controller.abort());
  return { results: results(), close };
}
