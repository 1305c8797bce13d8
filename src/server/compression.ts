import type { Plugin } from 'graphql-yoga';

type Encoding = 'gzip' | 'deflate';

/**
 * Compresses responses with gzip (or deflate) for clients that accept it: the GraphiQL page and
 * large JSON answers. Streamed answers (`multipart/mixed` for `@defer`/`@stream`, event streams)
 * are left as they are, so each part still arrives when it is ready; bodies under `minBytes` too.
 */
export function useCompression(minBytes = 1024): Plugin {
  return {
    onResponse: ({ request, response, setResponse, fetchAPI }) => {
      const encoding = pickEncoding(request.headers.get('accept-encoding'));
      if (!encoding || !response.body || response.headers.has('content-encoding')) return;
      if (/multipart\/|text\/event-stream/i.test(response.headers.get('content-type') ?? '')) return;
      const length = response.headers.get('content-length');
      if (length !== null && Number(length) < minBytes) return;
      const headers = new fetchAPI.Headers(response.headers);
      headers.set('content-encoding', encoding);
      headers.delete('content-length');
      headers.append('vary', 'accept-encoding');
      const body = (response.body as ReadableStream<Uint8Array>).pipeThrough(new CompressionStream(encoding) as unknown as ReadableWritablePair<Uint8Array, Uint8Array>);
      setResponse(new fetchAPI.Response(body, { status: response.status, statusText: response.statusText, headers }));
    },
  };
}

/** The client's preferred encoding among gzip and deflate (`q=0` refuses one), or null. */
function pickEncoding(header: string | null): Encoding | null {
  if (!header) return null;
  const accepted = header.split(',').map((part) => {
    const [name = '', ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((param) => /^\s*q=([\d.]+)\s*$/.exec(param)?.[1]).find(Boolean);
    return { name: name.trim(), q: q === undefined ? 1 : Number(q) };
  });
  const ranked = accepted.filter((entry) => (entry.name === 'gzip' || entry.name === 'deflate') && entry.q > 0).sort((a, b) => b.q - a.q);
  return (ranked[0]?.name as Encoding | undefined) ?? null;
}
