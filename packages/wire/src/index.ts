export { WireError } from './wire-error.ts';
export type { WireErrorCode, WireErrorLocation } from './wire-error.ts';
export { CaptureReader, readCapture } from './capture-reader.ts';
export { filterPcap, writePcap } from './pcap-writer.ts';
export { MAX_CAPTURED_LENGTH } from './capture-record.ts';
export type { CaptureRecord } from './capture-record.ts';
export { decodePacket } from './decode-packet.ts';
export { PacketDecoder } from './packet-decoder.ts';
export { DEFAULT_REASSEMBLY_LIMITS } from './fragment-reassembler.ts';
export type { IncompleteDatagram, ReassemblyLimits } from './fragment-reassembler.ts';
export { TCP_FLAG_NAMES } from './decoded-packet.ts';
export type {
  DecodedPacket,
  IcmpMessage,
  NetworkLayer,
  QuotedPacket,
  TcpFlagName,
  TcpOptions,
  TcpSegment,
  Tunnel,
  TunnelKind,
  UdpDatagram,
} from './decoded-packet.ts';
export { LINK_TYPES } from './link-layer.ts';
export { formatEndpoint, formatIpv4, formatIpv6 } from './address.ts';
export { payloadPreview } from './payload-preview.ts';
export type { PayloadPreview } from './payload-preview.ts';
