// An app that only talks to Textbots: its bundle must hold no WebChat code.
import { createTextbotsClient } from '../../src/textbots.js';

export function ask(baseUrl: string, accessToken: string, text: string) {
  const textbots = createTextbotsClient({ baseUrl, auth: { accessToken } });
  return textbots.postTextbotsBotsExecute({ body: { botId: 'b', integrationId: 'i', botSessionId: 's', postTextMessage: { type: 'Text', text } } });
}
