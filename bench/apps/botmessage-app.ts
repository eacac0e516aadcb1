// A page that only texts a customer through myKaarma: sendBotMessage and nothing else.
import { createBotMessageClient } from '../../src/botmessage.js';

export async function remind(username: string, password: string, departmentUUID: string, userUUID: string, phone: string): Promise<string | undefined> {
  const bot = createBotMessageClient({ auth: { username, password } });
  const sent = await bot.sendBotMessage({
    params: { path: { departmentUUID, userUUID } },
    body: { messageAttributes: { body: 'Your car is ready.', type: 'OUTGOING', protocol: 'TEXT' }, messageSendingAttributes: { recipientCommunicationValue: phone, senderName: 'Service' } },
  });
  return sent.messageUuid;
}
