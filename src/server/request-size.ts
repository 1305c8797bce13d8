import { createGraphQLError, type Plugin } from 'graphql-yoga';

/**
 * Refuses request bodies over `maxBytes` with 413 and REQUEST_TOO_LARGE: by `Content-Length`
 * before anything is read, and for chunked JSON bodies while reading, so an oversized body is
 * never buffered whole.
 */
export function useRequestSizeLimit(maxBytes: number): Plugin {
  const refusal = (fetchAPI: { Response: typeof Response }) =>
    new fetchAPI.Response(
      JSON.stringify({ errors: [{ message: `The request body is larger than ${maxBytes} bytes.`, extensions: { code: 'REQUEST_TOO_LARGE' } }] }),
      { status: 413, headers: { 'content-type': 'application/json', connection: 'close' } },
    );
  return {
    onRequest: ({ request, endResponse, fetchAPI }) => {
      const length = Number(request.headers.get('content-length') ?? 0);
      if (length > maxBytes) endResponse(refusal(fetchAPI));
    },
    onRequestParse: ({ request, setRequestParser }) => {
      const isJson = request.headers.get('content-type')?.includes('json') ?? false;
      if (request.method !== 'POST' || request.headers.has('content-length') || !isJson || !request.body) return;
      setRequestParser(async () => parseJson(await readCapped(request.body!, maxBytes)));
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
