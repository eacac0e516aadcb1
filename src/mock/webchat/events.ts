/**
 * The guest chat event stream at `eventStreamUri` (reference §9): a WebSocket at `/chat/jwt/<jwt>`
 * that pushes `{topicName, version, eventBody, metadata}` frames for messages, typing indicators and
 * member changes of that JWT's conversation, plus the `channel.metadata` heartbeat.
 *
 * Server-to-client text only, so RFC 6455 is implemented here in its small server subset (handshake,
 * unmasked text frames, answering ping and close) instead of adding a WebSocket dependency.
 */
import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import type { GuestJwt } from '../auth/guest-jwt.js';
import type { ConversationStore, EventFrame } from './conversations.js';

const GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';
const PATH = /^\/chat\/jwt\/([A-Za-z0-9_.-]+)$/;
const MAX_SOCKETS_PER_CONVERSATION = 8;
const HEARTBEAT_MS = 30_000;

function frame(opcode: number, payload: Buffer): Buffer {
  const length = payload.length;
  const header = length < 126 ? Buffer.alloc(2) : length < 65536 ? Buffer.alloc(4) : Buffer.alloc(10);
  header[0] = 0x80 | opcode;
  if (length < 126) header[1] = length;
  else if (length < 65536) {
    header[1] = 126;
    header.writeUInt16BE(length, 2);
  } else {
    header[1] = 127;
    header.writeBigUInt64BE(BigInt(length), 2);
  }
  return Buffer.concat([header, payload]);
}

function refuse(socket: Socket, status: string): void {
  socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

export class ChatEventStreams {
  readonly #byConversation = new Map<string, Set<Socket>>();
  #heartbeat: NodeJS.Timeout | undefined;

  publish(conversationId: string, event: EventFrame): void {
    const sockets = this.#byConversation.get(conversationId);
    if (!sockets || sockets.size === 0) return;
    const data = frame(0x1, Buffer.from(JSON.stringify(event)));
    for (const s of sockets) if (s.writable) s.write(data);
  }

  upgrade(req: IncomingMessage, socket: Socket, _head: Buffer, jwt: GuestJwt, conversations: ConversationStore): void {
    socket.on('error', () => socket.destroy());
    const token = PATH.exec((req.url ?? '').split('?')[0] ?? '')?.[1];
    const key = req.headers['sec-websocket-key'];
    if (!token || typeof key !== 'string' || (req.headers.upgrade ?? '').toLowerCase() !== 'websocket') {
      refuse(socket, '404 Not Found');
      return;
    }
    let conversationId: string;
    try {
      conversationId = jwt.verify(token).data.conv;
    } catch {
      refuse(socket, '401 Unauthorized');
      return;
    }
    const set = this.#byConversation.get(conversationId) ?? new Set<Socket>();
    if (!conversations.get(conversationId) || set.size >= MAX_SOCKETS_PER_CONVERSATION) {
      refuse(socket, conversations.get(conversationId) ? '429 Too Many Requests' : '404 Not Found');
      return;
    }
    const accept = createHash('sha1').update(key + GUID).digest('base64');
    socket.write(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`);
    set.add(socket);
    this.#byConversation.set(conversationId, set);
    socket.once('close', () => {
      set.delete(socket);
      if (set.size === 0) this.#byConversation.delete(conversationId);
    });
    this.#readClientFrames(socket);
    this.#startHeartbeat();
  }

  closeAll(): void {
    clearInterval(this.#heartbeat);
    this.#heartbeat = undefined;
    for (const set of this.#byConversation.values()) for (const s of set) s.destroy();
    this.#byConversation.clear();
  }

  #startHeartbeat(): void {
    if (this.#heartbeat) return;
    this.#heartbeat = setInterval(() => {
      const data = frame(0x1, Buffer.from(JSON.stringify({ topicName: 'channel.metadata', eventBody: { message: 'WebSocket Heartbeat' } })));
      for (const set of this.#byConversation.values()) for (const s of set) if (s.writable) s.write(data);
    }, HEARTBEAT_MS);
    this.#heartbeat.unref();
  }

  /** Client frames are only read to answer ping and close; their text is ignored. */
  #readClientFrames(socket: Socket): void {
    let buffered = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk]);
      while (buffered.length >= 2) {
        const opcode = (buffered[0] as number) & 0x0f;
        let length = (buffered[1] as number) & 0x7f;
        let offset = 2;
        if (length === 126) {
          if (buffered.length < 4) return;
          length = buffered.readUInt16BE(2);
          offset = 4;
        } else if (length === 127) {
          if (buffered.length < 10) return;
          length = Number(buffered.readBigUInt64BE(2));
          offset = 10;
        }
        // A guest has nothing big to say on this stream.
        if (length > 64 * 1024) return void socket.destroy();
        const masked = ((buffered[1] as number) & 0x80) !== 0;
        const start = offset + (masked ? 4 : 0);
        if (buffered.length < start + length) return;
        const payload = Buffer.from(buffered.subarray(start, start + length));
        if (masked) for (let i = 0; i < payload.length; i++) payload[i] = (payload[i] as number) ^ (buffered[offset + (i % 4)] as number);
        buffered = buffered.subarray(start + length);
        if (opcode === 0x8) {
          socket.end(frame(0x8, payload.subarray(0, 2)));
          return;
        }
        if (opcode === 0x9) socket.write(frame(0xa, payload));
      }
    });
  }
}
