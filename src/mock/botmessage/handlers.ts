/**
 * myKaarma bot messages (reference §2, §5, §7): send texts the department's user from the bot number
 * and stores the message as delivered; save creates (no uuid), fully replaces (known uuid) or refuses
 * (unknown uuid) without sending anything. Credentials and the department scope were checked by the
 * pipeline; the body by the spec (which already restricts send to OUTGOING + TEXT with a sender name).
 */
import type { BotMessageResponse, SaveBotMessageRequest, SendBotMessageRequest } from '../../../generated/botmessage/schema.js';
import { randomToken } from '../bytes.js';
import type { HandlerRequest, Handlers } from '../context.js';
import { MockError } from '../errors.js';
import { DEPARTMENTS } from '../fixtures.js';
import { BoundedMap } from '../store.js';
import type { PhoneNumbers } from './phone.js';

/** myKaarma's own bot number (the send endpoint always texts from it). */
const BOT_NUMBER = '18005550100';

type BotMessageOperation = 'sendBotMessage' | 'saveBotMessage';

/** A stored BotMessage row, as the vendor's table holds it. */
export interface StoredBotMessage {
  uuid: string;
  departmentUUID: string;
  userUUID: string;
  body: string;
  messageSize: number;
  subject?: string;
  type: string;
  protocol: string;
  purpose?: unknown;
  isManual: boolean;
  numberOfMessageAttachments: number;
  fromName?: string;
  toName?: string;
  fromNumber?: string;
  toNumber: string;
  sentOn?: string;
  receivedOn?: string;
  deliveryStatus?: string;
}

/**
 * The vendor's `getBase64EncodedSHA256UUID()` is a base64 SHA-256 of a random UUID (not a v4 UUID):
 * 32 random bytes, base64url, have the same form.
 */
function newMessageUuid(): string {
  return randomToken(32);
}

function userOf(req: HandlerRequest<BotMessageOperation>) {
  const { departmentUUID, userUUID } = req.params;
  const users = DEPARTMENTS.get(departmentUUID);
  if (!users) throw new MockError(400, 'INVALID_DEALER_DEPARTMENT_ID', `Dealer department not found for department_uuid=${departmentUUID}`);
  const user = users.find((u) => u.uuid === userUUID);
  if (!user) throw new MockError(400, 'INVALID_USER', `User ${userUUID} is not a dealer associate of department ${departmentUUID}`);
  return { departmentUUID, user };
}

function success(req: HandlerRequest<BotMessageOperation>, messageUuid: string): { body: BotMessageResponse } {
  const body: BotMessageResponse = { requestUuid: req.requestId, status: 'SUCCESS', messageUuid, errors: [], warnings: [] };
  return { body };
}

/**
 * `phones` loads the phone-number rules (an optional peer dependency, see phone.ts) on first use: about
 * 12 MB of metadata that a mock which never sends a bot message does not wait for at start-up.
 */
export function botMessageHandlers(options: { maxMessages: number; phones: () => Promise<PhoneNumbers> }): Handlers {
  const messages = new BoundedMap<string, StoredBotMessage>(options.maxMessages);

  function row(req: HandlerRequest<BotMessageOperation>, body: SendBotMessageRequest | SaveBotMessageRequest, uuid: string): StoredBotMessage {
    const { departmentUUID, user } = userOf(req);
    const a = body.messageAttributes;
    return {
      uuid,
      departmentUUID,
      userUUID: user.uuid,
      body: a.body,
      messageSize: a.body.length,
      subject: a.subject,
      type: a.type,
      protocol: a.protocol,
      purpose: a.purpose,
      isManual: a.isManual ?? false,
      numberOfMessageAttachments: a.numberOfMessageAttachments ?? 0,
      toNumber: body.messageSendingAttributes.recipientCommunicationValue,
    };
  }

  return {
    sendBotMessage: async (req) => {
      const phones = await options.phones();
      const { body } = req;
      const { user } = userOf(req);
      const recipient = body.messageSendingAttributes.recipientCommunicationValue;
      if (!phones.isValid(recipient)) {
        throw new MockError(400, 'INVALID_COMMUNICATION_VALUE', `Invalid communication value ${recipient}`);
      }
      const stored: StoredBotMessage = {
        ...row(req, body, newMessageUuid()),
        fromName: body.messageSendingAttributes.senderName,
        // On send the recipient's name comes from the user, not from the request.
        toName: `${user.firstName} ${user.lastName}`,
        fromNumber: BOT_NUMBER,
        toNumber: phones.normalized(recipient),
        sentOn: new Date(req.now).toISOString(),
        deliveryStatus: '1',
      };
      messages.set(stored.uuid, stored);
      return success(req, stored.uuid);
    },
    saveBotMessage: (req) => {
      const { body } = req;
      userOf(req);
      if (body.uuid !== undefined && !messages.has(body.uuid)) {
        throw new MockError(400, 'INVALID_MESSAGE_UUID', `Bot Message not found for bot_message_uuid=${body.uuid}`);
      }
      const sending = body.messageSendingAttributes;
      const delivery = body.messageDeliveryAttributes ?? {};
      // A full replace: every field not in this request is gone (deliveryFailureMessage is never stored).
      const stored: StoredBotMessage = {
        ...row(req, body, body.uuid ?? newMessageUuid()),
        fromName: sending.senderName,
        toName: sending.recipientName,
        fromNumber: sending.senderCommunicationValue,
        sentOn: delivery.sentTimestamp,
        receivedOn: delivery.receivedTimestamp,
        deliveryStatus: delivery.deliveryStatus,
      };
      messages.set(stored.uuid, stored);
      return success(req, stored.uuid);
    },
  };
}
