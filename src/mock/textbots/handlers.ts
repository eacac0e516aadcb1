/**
 * POST /api/v2/textbots/bots/execute (reference §5 A): seeded bots behind seeded integrations,
 * sessions keyed by botSessionId, the dialog engine, the documented `bots.*` codes, and
 * botCorrelationId echoed.
 */
import type { PostTextMessage, PostTextRequest, PostTextResponse } from '../../../generated/textbots/schema.js';
import type { HandlerRequest, Handlers, Reply } from '../context.js';
import { MockError } from '../errors.js';
import { BOTS, type BotDefinition } from '../fixtures.js';
import { BoundedMap } from '../store.js';
import { runTurn, type DialogState, type TurnResult } from './engine.js';
import { lexiconFor } from './lexicon.js';

interface BotSession extends DialogState {
  botId: string;
  languageCode: string;
  closed: boolean;
  expiresAt: number;
}

const DEFAULT_SESSION_MINUTES = 30;

function botError(code: string, message: string, fieldName: string): MockError {
  return new MockError(400, code, message, { details: [{ errorCode: code, fieldName }] });
}

function findBot(body: PostTextRequest): BotDefinition {
  if (!BOTS.some((b) => b.integrationId === body.integrationId)) {
    throw botError('bots.unsupported.integration.type', `The integration ${body.integrationId} is unsupported or not recognized`, 'integrationId');
  }
  const bot = BOTS.find((b) => b.botId === body.botId && b.integrationId === body.integrationId);
  if (!bot) {
    throw botError('bots.bot.doesnt.exist', `The integration ${body.integrationId} has no bot ${body.botId}`, 'botId');
  }
  return bot;
}

/** The user's words: the text, or the payload of a clicked quick reply / button. */
function utteranceOf(message: PostTextMessage): string {
  if (message.text && message.text.trim() !== '') return message.text;
  for (const c of message.content ?? []) {
    const picked = c.buttonResponse ?? c.quickReply;
    if (picked?.text || picked?.payload) return picked.text ?? picked.payload ?? '';
  }
  throw botError('bots.invalid.bot.argument', 'postTextMessage needs a non-empty text (or a button response)', 'postTextMessage.text');
}

function replyMessages(turn: TurnResult): PostTextResponse['replyMessages'] {
  if (!turn.quickReplies) return [{ type: 'Text', text: turn.text }];
  return [
    {
      type: 'Structured',
      text: turn.text,
      content: turn.quickReplies.map((option) => ({
        contentType: 'QuickReply',
        quickReply: { text: option, payload: option, action: 'Message' },
      })),
    },
  ];
}

function vendorPayload(bot: BotDefinition, turn: TurnResult, utterance: string, body: PostTextRequest): Pick<PostTextResponse, 'amazonLex' | 'googleDialogFlow'> {
  if (bot.vendor === 'amazonLex') {
    const lex: Record<string, unknown> = { intentName: turn.intentName || null, dialogState: turn.dialogState, slots: turn.slots, message: turn.text };
    if (turn.slotToElicit) lex.slotToElicit = turn.slotToElicit;
    if (body.amazonLexRequest?.sessionAttributes) lex.sessionAttributes = body.amazonLexRequest.sessionAttributes;
    return { amazonLex: lex };
  }
  return {
    googleDialogFlow: {
      queryResult: {
        queryText: utterance,
        intent: { displayName: turn.intentName },
        parameters: turn.slots,
        fulfillmentText: turn.text,
        allRequiredParamsPresent: turn.botState === 'Complete',
      },
    },
  };
}

export function textbotsHandlers(options: { maxSessions: number }): Handlers {
  const sessions = new BoundedMap<string, BotSession>(options.maxSessions);

  function sessionFor(body: PostTextRequest, bot: BotDefinition, languageCode: string, now: number): BotSession {
    const existing = sessions.get(body.botSessionId);
    if (existing && existing.expiresAt > now) {
      if (existing.botId !== bot.botId) {
        throw botError('bots.invalid.bot.argument', `The bot session ${body.botSessionId} belongs to another bot`, 'botSessionId');
      }
      if (existing.closed) {
        throw botError('bots.bot.session.closed', 'The bot session is already closed and cannot be reused', 'botSessionId');
      }
      return existing;
    }
    // A new id, or an expired session: the bot starts over, as Lex does after its idle timeout.
    const session: BotSession = { botId: bot.botId, languageCode, slots: {}, fallbacks: 0, closed: false, expiresAt: 0 };
    sessions.delete(body.botSessionId);
    sessions.set(body.botSessionId, session);
    return session;
  }

  function execute(req: HandlerRequest<'postTextbotsBotsExecute'>): Reply<'postTextbotsBotsExecute'> {
    const { body } = req;
    const bot = findBot(body);
    const languageCode = (body.languageCode ?? bot.languages[0] ?? 'en-us').toLowerCase();
    if (!bot.languages.includes(languageCode)) {
      throw botError('bots.unsupported.language', `The language code ${body.languageCode} is not supported by bot ${bot.botId} (supported: ${bot.languages.join(', ')})`, 'languageCode');
    }
    const utterance = utteranceOf(body.postTextMessage);
    const session = sessionFor(body, bot, languageCode, req.now);
    const turn = runTurn(session, utterance, lexiconFor(session.languageCode), new Date(req.now));
    session.closed = turn.botState !== 'MoreData';
    session.expiresAt = req.now + (body.botSessionTimeoutMinutes ?? DEFAULT_SESSION_MINUTES) * 60_000;
    const response: PostTextResponse = {
      botState: turn.botState,
      replyMessages: replyMessages(turn),
      intentName: turn.intentName,
      slots: turn.slots,
      ...vendorPayload(bot, turn, utterance, body),
    };
    if (body.botCorrelationId !== undefined) response.botCorrelationId = body.botCorrelationId;
    return { body: response };
  }

  return { postTextbotsBotsExecute: execute };
}
