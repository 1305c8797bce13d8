/** Generators of the ids plugNmeet and LiveKit hand out, driven by a (seeded) random source. */
export interface PlugnmeetIdSource {
  /** A UUID v4 (version and variant bits set), as plugNmeet uses for session sids and metadata ids. */
  uuid(): string;
  /** A LiveKit participant sid: `PA_` followed by 12 base62 characters. */
  participantSid(): string;
}

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** Ids drawn from `random` only, so a seeded source gives the same ids on every run. */
export function createPlugnmeetIdSource(random: () => number): PlugnmeetIdSource {
  const byte = () => Math.floor(random() * 256);
  return {
    uuid() {
      const bytes = Array.from({ length: 16 }, byte);
      bytes[6] = (bytes[6]! & 0x0f) | 0x40;
      bytes[8] = (bytes[8]! & 0x3f) | 0x80;
      const hex = bytes.map((value) => value.toString(16).padStart(2, '0')).join('');
      return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
    },
    participantSid() {
      const characters = Array.from({ length: 12 }, () => BASE62[Math.floor(random() * BASE62.length)]);
      return `PA_${characters.join('')}`;
    },
  };
}
