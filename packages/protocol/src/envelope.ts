import { z } from 'zod';

/** Version of the WebSocket protocol; a client sends it in every message. */
export const PROTOCOL_VERSION = 1;

/** A client's name for a request, echoed on its reply. */
export const RequestId = z.string().min(1).max(64);

/** What every client message carries: the protocol version and, optionally, its request's name. */
export const envelope = { v: z.literal(PROTOCOL_VERSION), requestId: RequestId.optional() };
