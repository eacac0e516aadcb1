import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { schemasOf, type Schema } from '../helpers/specs.js';

interface RefField { type: string; ref?: string; items?: string; format?: string; enum?: string[]; readOnly?: boolean; map?: string }
interface RefModel { required: string[]; fields: Record<string, RefField> }

// Extracted from the vendor reference's tables by test/fixtures/extract-reference.ts, never from our specs.
const GENESYS: Record<string, RefModel> = JSON.parse(readFileSync(new URL('../fixtures/reference-models.json', import.meta.url), 'utf8'));

/**
 * Where the spec departs from the reference on purpose, and why (each is also said in the spec).
 * Key: `Model.field:aspect`.
 */
const DELIBERATE: Record<string, string> = {
  'Limit.namespace:enum': 'the vendor enum grows over time; modelled as an open string',
};
// Genesys returns server-relative links (`/api/v2/...`), which `format: uri` would reject.
const relativeLink = (field: string) => /^(selfUri|firstUri|nextUri|previousUri|lastUri)$/.test(field);

const genesysSchemas = { ...schemasOf('webchat'), ...schemasOf('textbots') };

function refName(node: Schema | undefined): string | undefined {
  return typeof node?.$ref === 'string' ? node.$ref.split('/').pop() : undefined;
}

describe('every Genesys model of the reference', () => {
  it('is in the specs under its vendor name', () => {
    const missing = Object.keys(GENESYS).filter((name) => !genesysSchemas[name]);
    expect(missing).toEqual([]);
    expect(Object.keys(GENESYS).length).toBeGreaterThanOrEqual(76);
  });

  it.each(Object.keys(GENESYS))('%s has every field with its type, format, enum, required and readOnly', (name) => {
    const model = GENESYS[name]!;
    const schema = genesysSchemas[name]!;
    expect(schema.type).toBe('object');
    expect(schema.additionalProperties, 'schemas stay open to new fields').not.toBe(false);
    expect([...(schema.required ?? [])].sort()).toEqual([...model.required].sort());
    expect(Object.keys(schema.properties).sort()).toEqual(Object.keys(model.fields).sort());
    for (const [field, expected] of Object.entries(model.fields)) {
      const prop = schema.properties[field] as Schema;
      const where = `${name}.${field}`;
      if (expected.type === 'ref') {
        expect(refName(prop), where).toBe(expected.ref);
        continue;
      }
      if (expected.type === 'array') {
        expect(prop.type, where).toBe('array');
        const items = prop.items as Schema;
        if (/^[A-Z]/.test(expected.items!)) expect(refName(items), where).toBe(expected.items);
        else expect(items.type, where).toBe(expected.items);
        if (expected.enum) expect(items.enum, where).toEqual(expected.enum);
        continue;
      }
      if (expected.type === 'object') {
        expect(prop.type, where).toBe('object');
        const values = prop.additionalProperties as Schema;
        if (expected.map === 'string') expect(values.type, where).toBe('string');
        continue;
      }
      expect(prop.type, where).toBe(expected.type);
      if (expected.format === 'uri' && relativeLink(field)) expect(['uri', 'uri-reference'], where).toContain(prop.format);
      else if (expected.format) expect(prop.format, where).toBe(expected.format);
      if (expected.enum && !DELIBERATE[`${where}:enum`]) expect(prop.enum, where).toEqual(expected.enum);
      expect(prop.readOnly === true, `${where} readOnly`).toBe(expected.readOnly === true);
    }
  });
});

// myKaarma facts (shared/reference/mykaarma-botmessage.md §5, §6, §8), written out by hand.
const MYKAARMA: Record<string, { required: string[]; fields: string[] }> = {
  SendBotMessageRequest: { required: ['messageAttributes', 'messageSendingAttributes'], fields: ['messageAttributes', 'messageSendingAttributes'] },
  SaveBotMessageRequest: { required: ['messageAttributes', 'messageDeliveryAttributes', 'messageSendingAttributes'], fields: ['messageAttributes', 'messageDeliveryAttributes', 'messageSendingAttributes', 'uuid'] },
  BotMessageAttributes: { required: ['body', 'protocol', 'type'], fields: ['body', 'isManual', 'numberOfMessageAttachments', 'protocol', 'purpose', 'subject', 'type'] },
  BotMessageSendingAttributes: { required: ['recipientCommunicationValue', 'senderName'], fields: ['recipientCommunicationValue', 'senderName'] },
  BotMessageSendingAttributesExtended: { required: ['recipientCommunicationValue', 'senderCommunicationValue'], fields: ['recipientCommunicationValue', 'recipientName', 'senderCommunicationValue', 'senderName'] },
  BotMessageDeliveryAttributes: { required: [], fields: ['deliveryFailureMessage', 'deliveryStatus', 'receivedTimestamp', 'sentTimestamp'] },
  BotMessageResponse: { required: [], fields: ['errors', 'messageUuid', 'requestUuid', 'status', 'warnings'] },
  ApiError: { required: [], fields: ['errorCode', 'errorDescription', 'errorUID'] },
  ApiWarning: { required: [], fields: ['warningCode', 'warningDescription'] },
};

describe('every myKaarma model of the reference', () => {
  const schemas = schemasOf('botmessage');

  it.each(Object.keys(MYKAARMA))('%s has its fields and real required list', (name) => {
    const schema = schemas[name]!;
    expect(Object.keys(schema.properties).sort()).toEqual(MYKAARMA[name]!.fields);
    expect([...(schema.required ?? [])].sort()).toEqual(MYKAARMA[name]!.required);
  });

  it('enums carry the Java enum names', () => {
    expect(schemas.MessageType!.enum).toEqual(['DRAFT', 'DISCARDED_DRAFT', 'OUTGOING', 'INCOMING', 'NOTE']);
    expect(schemas.MessageProtocol!.enum).toEqual(['TEXT', 'EMAIL', 'VOICE_CALL', 'NONE']);
    for (const v of ['F', 'OUT_OF_OFFICE_TURN_OFF_REMINDER', 'RETRY_AUTORESPONDER', 'MPI_MANUAL', 'CardSave_RCPT', 'FinInviteM']) {
      expect(schemas.MessagePurpose!.enum).toContain(v);
    }
    expect(schemas.BotMessageResponse!.properties.status.enum).toEqual(['SUCCESS', 'FAILURE', null]);
  });

  it('send accepts only OUTGOING + TEXT and requires the sender name', () => {
    const attrs = schemas.SendBotMessageRequest!.properties.messageAttributes;
    const narrowed = attrs.allOf.find((s: Schema) => s.properties);
    expect(narrowed.properties.type.const).toBe('OUTGOING');
    expect(narrowed.properties.protocol.const).toBe('TEXT');
    expect(schemas.BotMessageSendingAttributes!.required).toContain('senderName');
  });

  it('documents the errors the service really sends, not only 200', () => {
    const doc = JSON.parse(readFileSync(new URL('../../generated/botmessage/openapi.json', import.meta.url), 'utf8'));
    const send = doc.paths['/department/{departmentUUID}/user/{userUUID}/botmessage/send'].post;
    const save = doc.paths['/department/{departmentUUID}/user/{userUUID}/botmessage'].put;
    expect(Object.keys(send.responses).sort()).toEqual(['200', '400', '401', '500']);
    expect(Object.keys(send['x-error-codes']['400'])).toEqual(expect.arrayContaining(['INVALID_MESSAGE_TYPE', 'INVALID_MESSAGE_PROTOCOL', 'MISSING_SENDER_NAME', 'INVALID_COMMUNICATION_VALUE']));
    expect(Object.keys(save['x-error-codes']['400'])).toContain('INVALID_MESSAGE_UUID');
    expect(Object.keys(send['x-error-codes']['401']).sort()).toEqual(['CREDENTIALS_ARE_NULL', 'INVALID_SERVICE_SUBSCRIBER', 'NOT_AUTHORIZED_REQUEST', 'WRONG_CREDENTIAL']);
    expect(send['x-idempotent']).toBe(false);
    expect(save['x-idempotent']).toEqual({ ifBodyHas: 'uuid' });
  });
});
