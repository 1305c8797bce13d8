import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A server could not listen; the message is one line a person can act on, without a stack. */
export class ListenError extends Error {
  override name = 'ListenError';
}

/**
 * Listens on `host:port` and resolves the port actually bound; rejects with a ListenError naming
 * the port and the variable to change when it is taken (EADDRINUSE) or not allowed (EACCES).
 */
export async function listenOn(server: Server, port: number, host: string, variable = 'PORT'): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => reject(toListenError(error, port, host, variable));
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve();
    });
  });
  return (server.address() as AddressInfo).port;
}

/** The one-line reason a listen failed. */
export function toListenError(error: NodeJS.ErrnoException, port: number, host: string, variable = 'PORT'): ListenError {
  if (error.code === 'EADDRINUSE') return new ListenError(`port ${port} on ${host} is already in use: stop what uses it or set ${variable} to another port.`);
  if (error.code === 'EACCES') return new ListenError(`no permission to listen on port ${port} on ${host}: set ${variable} to a port above 1023.`);
  return new ListenError(`cannot listen on ${host}:${port} (${error.code ?? error.message}).`);
}
