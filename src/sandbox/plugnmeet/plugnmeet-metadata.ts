/**
 * The metadata JSON strings plugNmeet keeps in NATS and hands out inside `ActiveRoomInfo.metadata`
 * and `ParticipantInfo.metadata` (reference §3.2). Both are protojson with EmitUnpopulated and
 * proto names; the simulator writes a representative subset of the keys (those the reference
 * names), since no client of the gateway reads further than "a JSON string".
 */

/** The room's `RoomMetadata` as the server stores it at create, with a fresh `metadata_id`. */
export function toRoomMetadataJson(room: {
  roomTitle: string;
  webhookUrl: string;
  createdAt: Date;
  metadataId: string;
  isRecording: boolean;
  parentRoomId: string;
}): string {
  return JSON.stringify({
    room_title: room.roomTitle,
    // `webhook_url` is a proto3 optional: omitted when the room was created without one.
    ...(room.webhookUrl ? { webhook_url: room.webhookUrl } : {}),
    is_recording: room.isRecording,
    is_breakout_room: room.parentRoomId !== '',
    parent_room_id: room.parentRoomId,
    started_at: String(Math.floor(room.createdAt.getTime() / 1000)),
    room_features: {
      allow_webcams: true,
      mute_on_start: false,
      allow_screen_share: true,
      allow_view_other_webcams: true,
      allow_view_other_users_list: true,
      admin_only_webcams: false,
      enable_analytics: true,
    },
    metadata_id: room.metadataId,
    extra_data: {},
  });
}

/** A participant's `UserMetadata`, which replaces LiveKit's own participant metadata. */
export function toUserMetadataJson(user: { isAdmin: boolean; metadataId: string }): string {
  return JSON.stringify({
    is_admin: user.isAdmin,
    is_presenter: false,
    raised_hand: false,
    wait_for_approval: false,
    metadata_id: user.metadataId,
  });
}
