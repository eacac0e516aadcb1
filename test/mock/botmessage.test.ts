import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MockServer } from '../../src/mock/index.js';
import { call, errorCode, start, succeeded } from './helpers.js';

let mock: MockServer;
beforeAll(async () => {
  mock = await start();
});
afterAll(() => mock.close());

const sendBody = (overrides: { attributes?: Record<string, unknown>; sending?: Record<string, unknown> } = {}) => ({
  messageAttributes: { body: 'Reminder: your Out-of-Office is still on.', type: 'OUTGOING', protocol: 'TEXT', purpose: 'OUT_OF_OFFICE_TURN_OFF_REMINDER', ...overrides.attributes },
  messageSendingAttributes: { recipientCommunicationValue: mock.fixtures.botmessage.userPhone, senderName: 'myKaarma Assistant', ...overrides.sending },
});

const saveBody = (extra: Record<string, unknown> = {}) => ({
  messageAttributes: { body: 'OFF', type: 'INCOMING', protocol: 'TEXT' },
  messageSendingAttributes: { recipientCommunicationValue: '+14155550199', senderCommunicationValue: mock.fixtures.botmessage.userPhone, senderName: 'Dana' },
  messageDeliveryAttributes: { sentTimestamp: '2025-03-28T11:34:43.226Z', receivedTimestamp: '2025-03-28T11:34:44.018Z', deliveryStatus: '1' },
  ...extra,
});

function op(operationId: 'sendBotMessage' | 'saveBotMessage', body: unknown, options: { basic?: [string, string] | false; departmentUUID?: string; userUUID?: string } = {}) {
  const f = mock.fixtures.botmessage;
  return call(mock, operationId, {
    basic: options.basic === false ? undefined : (options.basic ?? [f.username, f.password]),
    params: { departmentUUID: options.departmentUUID ?? f.departmentUUID, userUUID: options.userUUID ?? f.userUUID },
    body,
  });
}

describe('sendBotMessage', () => {
  it('sends an OUTGOING TEXT to a valid number and answers SUCCESS with a base64 SHA-256 id', async () => {
    const r = await op('sendBotMessage', sendBody());
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ status: 'SUCCESS', errors: [], warnings: [] });
    expect(r.body.messageUuid).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const again = await op('sendBotMessage', sendBody({ sending: { recipientCommunicationValue: '(415) 555-0123' } }));
    expect(again.body.messageUuid).not.toBe(r.body.messageUuid);
  });

  it.each([
    ['type DRAFT', { attributes: { type: 'DRAFT' } }, 'INVALID_MESSAGE_TYPE'],
    ['an unknown type', { attributes: { type: 'TELEGRAM' } }, 'INVALID_MESSAGE_TYPE'],
    ['protocol EMAIL', { attributes: { protocol: 'EMAIL' } }, 'INVALID_MESSAGE_PROTOCOL'],
    ['no type', { attributes: { type: undefined } }, 'MISSING_MESSAGE_TYPE'],
    ['no protocol', { attributes: { protocol: undefined } }, 'MISSING_MESSAGE_PROTOCOL'],
    ['an empty body', { attributes: { body: '' } }, 'MISSING_MESSAGE_BODY'],
    ['no sender name', { sending: { senderName: undefined } }, 'MISSING_SENDER_NAME'],
    ['no recipient', { sending: { recipientCommunicationValue: undefined } }, 'MISSING_COMMUNICATION_VALUE'],
    ['an invalid phone number', { sending: { recipientCommunicationValue: '+1 555 555 5555' } }, 'INVALID_COMMUNICATION_VALUE'],
    ['a purpose outside the enum', { attributes: { purpose: 'WHATEVER' } }, 'INVALID_REQUEST'],
  ])('refuses %s with 400 %s', async (_name, overrides, code) => {
    const r = await op('sendBotMessage', JSON.parse(JSON.stringify(sendBody(overrides))));
    expect([r.status, errorCode(r)]).toEqual([400, code]);
    expect(r.body.status).toBeUndefined();
  });

  it('reports the first failure in the vendor order (type before sender name)', async () => {
    const r = await op('sendBotMessage', JSON.parse(JSON.stringify(sendBody({ attributes: { type: 'DRAFT' }, sending: { senderName: undefined } }))));
    expect(errorCode(r)).toBe('INVALID_MESSAGE_TYPE');
  });

  it('refuses missing attribute objects', async () => {
    expect(errorCode(await op('sendBotMessage', { messageSendingAttributes: sendBody().messageSendingAttributes }))).toBe('MISSING_MESSAGE_ATTRIBUTES');
    expect(errorCode(await op('sendBotMessage', { messageAttributes: sendBody().messageAttributes }))).toBe('MISSING_MESSAGE_SENDING_ATTRIBUTES');
  });

  it('answers the 401 codes with an errors-only body', async () => {
    const f = mock.fixtures.botmessage;
    const none = await op('sendBotMessage', sendBody(), { basic: false });
    expect([none.status, errorCode(none)]).toEqual([401, 'CREDENTIALS_ARE_NULL']);
    expect(Object.keys(none.body)).toEqual(['errors']);
    const wrong = await op('sendBotMessage', sendBody(), { basic: [f.username, 'nope'] });
    expect([wrong.status, errorCode(wrong)]).toEqual([401, 'WRONG_CREDENTIAL']);
    expect(wrong.body.errors[0].errorDescription).toContain(`Reference MessageID: ${wrong.headers.get('x-request-uuid')}`);
    const unknown = await op('sendBotMessage', sendBody(), { basic: ['ghost', 'x'] });
    expect(errorCode(unknown)).toBe('WRONG_CREDENTIAL');
    const scope = await op('sendBotMessage', sendBody(), { basic: [f.unauthorizedUsername, f.unauthorizedPassword] });
    expect([scope.status, errorCode(scope)]).toEqual([401, 'NOT_AUTHORIZED_REQUEST']);
    const garbage = await call(mock, 'sendBotMessage', {
      headers: { Authorization: 'Basic !!!' },
      params: { departmentUUID: f.departmentUUID, userUUID: f.userUUID },
      body: sendBody(),
    });
    expect(errorCode(garbage)).toBe('WRONG_CREDENTIAL');
  });

  it('answers INVALID_DEALER_DEPARTMENT_ID and INVALID_USER for unknown path ids', async () => {
    expect(errorCode(await op('sendBotMessage', sendBody(), { departmentUUID: 'ffffffffffffffffffffffffffffffff' }))).toBe('INVALID_DEALER_DEPARTMENT_ID');
    expect(errorCode(await op('sendBotMessage', sendBody(), { userUUID: 'ffffffffffffffffffffffffffffffff' }))).toBe('INVALID_USER');
  });
});

describe('saveBotMessage', () => {
  it('creates without uuid, replaces with a known one, refuses an unknown one', async () => {
    const created = await op('saveBotMessage', saveBody());
    expect(created.body).toMatchObject({ status: 'SUCCESS', errors: [], warnings: [] });
    const id = created.body.messageUuid as string;
    const duplicate = await op('saveBotMessage', saveBody());
    expect(duplicate.body.messageUuid).not.toBe(id);

    const replaced = await op('saveBotMessage', saveBody({ uuid: id, messageAttributes: { body: 'ON', type: 'NOTE', protocol: 'NONE' } }));
    expect(replaced.body).toMatchObject({ status: 'SUCCESS', messageUuid: id });
    const repeated = await op('saveBotMessage', saveBody({ uuid: id, messageAttributes: { body: 'ON', type: 'NOTE', protocol: 'NONE' } }));
    expect(repeated.body.messageUuid).toBe(id);

    const unknown = await op('saveBotMessage', saveBody({ uuid: 'bm5vdC1hLXJlYWwtaWQ' }));
    expect([unknown.status, errorCode(unknown)]).toEqual([400, 'INVALID_MESSAGE_UUID']);
    expect(unknown.body.errors[0].errorDescription).toBe('Bot Message not found for bot_message_uuid=bm5vdC1hLXJlYWwtaWQ');
  });

  it('also keeps a sent message addressable by its uuid', async () => {
    const sent = await op('sendBotMessage', sendBody());
    expect((await op('saveBotMessage', saveBody({ uuid: sent.body.messageUuid }))).status).toBe(200);
  });

  it.each([
    ['no delivery attributes', { messageDeliveryAttributes: undefined }, 'MISSING_MESSAGE_DELIVERY_ATTRIBUTES'],
    ['no sender number', { messageSendingAttributes: { recipientCommunicationValue: '+14155550199' } }, 'MISSING_COMMUNICATION_VALUE'],
    ['no message body', { messageAttributes: { type: 'INCOMING', protocol: 'TEXT' } }, 'MISSING_MESSAGE_BODY'],
    ['a type outside the enum', { messageAttributes: { body: 'x', type: 'SHOUT', protocol: 'TEXT' } }, 'INVALID_REQUEST'],
    ['a timestamp that is not a date-time', { messageDeliveryAttributes: { sentTimestamp: 'yesterday' } }, 'INVALID_REQUEST'],
  ])('refuses %s with 400 %s', async (_name, overrides, code) => {
    const r = await op('saveBotMessage', JSON.parse(JSON.stringify(saveBody(overrides))));
    expect([r.status, errorCode(r)]).toEqual([400, code]);
  });

  it('accepts any type and protocol and does not check phone formats', async () => {
    const r = await op('saveBotMessage', saveBody({
      messageAttributes: { body: 'draft', type: 'DRAFT', protocol: 'EMAIL' },
      messageSendingAttributes: { recipientCommunicationValue: 'not-a-phone', senderCommunicationValue: 'also-not' },
    }));
    expect(r.status).toBe(200);
  });
});

describe('coverage', () => {
  it('saw every operation of this file succeed', () => {
    for (const op of ['sendBotMessage', 'saveBotMessage']) expect(succeeded, op).toContain(op);
  });
});
