import { createGraphQLError, type Plugin } from 'graphql-yoga';

/**
 * Refuses request bodies over `maxBytes` with 413 and REQUEST_TOO_LARGE: by `Content-Length`
 * before anything is read (Node's HTTP parser then delivers exactly that many bytes), and a body
 * without one (chunked) while reading it, whatever its type, so an oversized body is never
 * buffered whole. It replaces Yoga's own limit (`maxRequestBodySize: false` in `gateway.ts`), which
 * pipes every body through a TransformStream, also when its `Content-Length` already bounds it.
 */
export function useRequestSizeLimit(maxBytes: number): Plugin {
  const refusal = (fetchAPI: { Response: typeof Response }, status: number, code: string, message: string) =>
    new fetchAPI.Response(JSON.stringify({ errors: [{ message, extensions: { code } }] }), {
      status,
      headers: { 'content-type': 'application/json', connection: 'close' },
    });
  return {
    onRequest: ({ request, endResponse, fetchAPI }) => {
      const header = request.headers.get('content-length');
      if (header === null) return;
      // Node's HTTP parser refuses such a header itself; other adapters may not, and a length that
      // is not a number would otherwise pass here and skip the capped read below.
      if (!/^\d+$/.test(header)) return endResponse(refusal(fetchAPI, 400, 'BAD_REQUEST', 'The Content-Length header is not a byte count.'));
      if (Number(header) > maxBytes) endResponse(refusal(fetchAPI, 413, 'REQUEST_TOO_LARGE', `The request body is larger than ${maxBytes} bytes.`));
    },
    onRequestParse: ({ request, requestParser, setRequestParser, fetchAPI }) => {
      if (request.headers.has('content-length') || !request.body || !requestParser) return;
      if (request.headers.get('content-type')?.includes('json')) {
        setRequestParser(async () => parseJson(await readCapped(request.body!, maxBytes)));
        return;
      }
      // Other types (GraphQL strings, forms, multipart): the parser Yoga chose reads the capped bytes.
      setRequestParser(async () =>
        requestParser(new fetchAPI.Request(request.url, { method: request.method, headers: request.headers, signal: request.signal, body: await readCapped(request.body!, maxBytes) })),
      );
    },
  };
}

async function readCapped(body: ReadableStream<Uint8Array>, maxBytes: number): Promise<string> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) {
    size += chunk.byteLength;
    if (size > maxBytes) {
      throw createGraphQLError(`The request body is larger than ${maxBytes} bytes.`, { extensions: { code: 'REQUEST_TOO_LARGE', http: { status: 413 } } });
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function parseJson(text: string): never {
  try {
    return JSON.parse(text) as never;
  } catch {
    throw createGraphQLError('The request body is not valid JSON.', { extensions: { code: 'BAD_REQUEST', http: { status: 400 } } });
  }
}
