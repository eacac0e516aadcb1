import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MockServer } from '../../src/mock/index.js';
import { call, errorCode, start, succeeded } from './helpers.js';

let mock: MockServer;
beforeAll(async () => {
  mock = await start();
});
afterAll(() => mock.close());

let session = 0;
function execute(text: string, overrides: Record<string, unknown> = {}, token?: string) {
  const f = mock.fixtures;
  return call(mock, 'postTextbotsBotsExecute', {
    token: token ?? f.oauth.accessToken,
    body: {
      botId: f.textbots.botId,
      integrationId: f.textbots.integrationId,
      botSessionId: `session-${session}`,
      postTextMessage: { type: 'Text', text },
      languageCode: 'en-us',
      ...overrides,
    },
  });
}

describe('postTextbotsBotsExecute', () => {
  it('fills the date and time slots with MoreData, then completes and closes the session', async () => {
    session++;
    const first = await execute('I want to book a service appointment', { botCorrelationId: 'corr-1' });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ botState: 'MoreData', intentName: 'BookServiceAppointment', slots: {}, botCorrelationId: 'corr-1' });
    expect(first.body.replyMessages[0].type).toBe('Structured');
    expect(first.body.replyMessages[0].content.map((c: any) => c.quickReply.payload)).toEqual(['Today', 'Tomorrow']);
    expect(first.body.amazonLex).toMatchObject({ dialogState: 'ElicitSlot', slotToElicit: 'date' });

    const second = await execute('2031-05-06');
    expect(second.body).toMatchObject({ botState: 'MoreData', slots: { date: '2031-05-06' } });
    expect(second.body.amazonLex.slotToElicit).toBe('time');
    expect(second.body.botCorrelationId).toBeUndefined();

    const third = await execute('3:30 pm please');
    expect(third.body).toMatchObject({ botState: 'Complete', intentName: 'BookServiceAppointment', slots: { date: '2031-05-06', time: '15:30' } });
    expect(third.body.replyMessages[0].text).toContain('2031-05-06 at 15:30');

    const closed = await execute('hello again');
    expect(closed.status).toBe(400);
    expect(errorCode(closed)).toBe('bots.bot.session.closed');
    expect(closed.body.details[0].fieldName).toBe('botSessionId');
  });

  it('completes in one turn when the utterance carries every slot', async () => {
    session++;
    const r = await execute('book an appointment tomorrow at 10am');
    expect(r.body.botState).toBe('Complete');
    expect(r.body.slots.time).toBe('10:00');
    expect(r.body.slots.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('answers a status question with Complete and no slots', async () => {
    session++;
    const r = await execute('is my car ready yet?');
    expect(r.body).toMatchObject({ botState: 'Complete', intentName: 'CheckServiceStatus', slots: {} });
  });

  it('fails on cancel, and after three turns it does not understand', async () => {
    session++;
    await execute('book a service appointment');
    const cancelled = await execute('cancel');
    expect(cancelled.body).toMatchObject({ botState: 'Failed', intentName: 'BookServiceAppointment' });
    session++;
    expect((await execute('blorp')).body).toMatchObject({ botState: 'MoreData', intentName: '' });
    expect((await execute('zzz')).body.botState).toBe('MoreData');
    expect((await execute('qqq')).body.botState).toBe('Failed');
    expect(errorCode(await execute('book'))).toBe('bots.bot.session.closed');
  });

  it('uses a clicked quick reply as the utterance', async () => {
    session++;
    await execute('book an appointment');
    const r = await execute('', { postTextMessage: { type: 'Structured', content: [{ contentType: 'ButtonResponse', buttonResponse: { text: 'Tomorrow', payload: 'Tomorrow' } }] } });
    expect(r.body.slots.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('speaks Spanish through the other-language bot, with the Dialogflow payload', async () => {
    const f = mock.fixtures.textbots;
    session++;
    const r = await execute('quiero agendar una cita mañana a las 10 de la mañana', {
      botId: f.otherLanguageBotId,
      integrationId: f.otherLanguageIntegrationId,
      languageCode: f.otherLanguageCode,
    });
    expect(r.body).toMatchObject({ botState: 'Complete', slots: { time: '10:00' } });
    expect(r.body.googleDialogFlow.queryResult.allRequiredParamsPresent).toBe(true);
    expect(r.body.amazonLex).toBeUndefined();
  });

  it.each([
    ['an unknown bot', { botId: 'NoSuchBot' }, 'bots.bot.doesnt.exist', 'botId'],
    ['a bot on another integration', { botId: 'AgendaServicio' }, 'bots.bot.doesnt.exist', 'botId'],
    ['an unknown integration', { integrationId: '00000000-0000-4000-8000-000000000000' }, 'bots.unsupported.integration.type', 'integrationId'],
    ['an unsupported language', { languageCode: 'fr-fr' }, 'bots.unsupported.language', 'languageCode'],
    ['an empty message', { postTextMessage: { type: 'Text' } }, 'bots.invalid.bot.argument', 'postTextMessage.text'],
  ])('refuses %s with 400 %s', async (_name, overrides, code, field) => {
    session++;
    const r = await execute('hi', overrides);
    expect(r.status).toBe(400);
    expect(errorCode(r)).toBe(code);
    expect(r.body.details[0].fieldName).toBe(field);
  });

  it('refuses a session id reused for another bot', async () => {
    session++;
    await execute('hi');
    const f = mock.fixtures.textbots;
    const r = await execute('hola', { botId: f.otherLanguageBotId, integrationId: f.otherLanguageIntegrationId, languageCode: 'es-us' });
    expect(errorCode(r)).toBe('bots.invalid.bot.argument');
  });

  it('validates the body against the spec, naming each field', async () => {
    const r = await call(mock, 'postTextbotsBotsExecute', {
      token: mock.fixtures.oauth.accessToken,
      body: { botId: 'x', integrationId: 'y', botSessionId: 'z', postTextMessage: { type: 'Telepathy' }, botChannels: ['Pigeon'] },
    });
    expect(r.status).toBe(400);
    expect(errorCode(r)).toBe('invalid.value');
    expect(r.body.details.map((d: any) => d.fieldName).sort()).toEqual(['botChannels.0', 'postTextMessage.type']);
  });

  it('needs a token with the textbots scope', async () => {
    session++;
    expect(errorCode(await execute('hi', {}, 'not-a-token'))).toBe('bad.credentials');
    const noToken = await call(mock, 'postTextbotsBotsExecute', { body: {} });
    expect([noToken.status, errorCode(noToken)]).toEqual([401, 'authentication.required']);
    const readonly = await execute('hi', {}, mock.fixtures.oauth.readonlyAccessToken);
    expect([readonly.status, errorCode(readonly)]).toEqual([403, 'app.not.authorized.for.scope']);
  });
});

describe('coverage', () => {
  it('saw every operation of this file succeed', () => {
    for (const op of ['postTextbotsBotsExecute']) expect(succeeded, op).toContain(op);
  });
});
