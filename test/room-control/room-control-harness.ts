import type { RecordedCall, Simulator } from '../../src/sandbox/simulator.js';
import type { TestGateway } from '../support/test-gateway.js';

/** The global id of a room or participant, as the graph encodes it (relay `Type:key`, base64). */
export function globalId(typename: 'Room' | 'Participant', ...parts: string[]): string {
  return Buffer.from(`${typename}:${parts.map(encodeURIComponent).join('/')}`).toString('base64');
}

/** The calls a simulator received for one path. */
export function callsTo(simulator: Simulator, path: string | RegExp): RecordedCall[] {
  return simulator.calls.filter((call) => (typeof path === 'string' ? call.path === path : path.test(call.path)));
}

/** A body a simulator received, parsed. */
export function bodyOf(call: RecordedCall | undefined): Record<string, any> {
  return JSON.parse(call?.body || '{}') as Record<string, any>;
}

/** Runs a GraphQL document (with variables) and returns its data and errors. */
export async function send(gateway: TestGateway, query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
  const { status, json } = await gateway.post({ query, variables }, headers);
  return { status, data: (json.data ?? null) as Record<string, any> | null, errors: json.errors ?? [] };
}

export const CREATE_ROOM = `mutation ($input: CreateRoomInput!) {
  createRoom(input: $input) { clientMutationId room { id provider roomId title isActive } userErrors { code message field } }
}`;

export const CREATE_JOIN_TOKEN = `mutation ($input: CreateJoinTokenInput!) {
  createJoinToken(input: $input) {
    joinToken { provider roomId token expiresAt joinUrl userId telnyx { refreshToken refreshTokenExpiresAt } }
    room { id isActive }
    userErrors { code message field }
  }
}`;

export const END_ROOM = `mutation ($input: EndRoomInput!) {
  endRoom(input: $input) { completion room { id isActive activeSessionId participants { id } } userErrors { code message field } }
}`;

export const REMOVE_PARTICIPANT = `mutation ($input: RemoveParticipantInput!) {
  removeParticipant(input: $input) { removedParticipantId room { id participants { id participantId } } userErrors { code message field } }
}`;

export const ROOM = `query ($provider: Provider!, $roomId: String!) {
  room(provider: $provider, roomId: $roomId) { id title isActive activeSessionId participants { id participantId } }
}`;
