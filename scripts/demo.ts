/**
 * `npm run demo` — each API's main flow through the typed clients, as a short transcript.
 * Against a freshly started mock server by default; against the real services when their credentials
 * are in the environment (see README, "Mock server"). Prints no credential.
 */
import { randomUUID } from 'node:crypto';
import { clientCredentials, createBotMessageClient, createTextbotsClient, createWebChatClient, type GenesysRegion } from '../src/node/index.js';
import { startMockServer } from '../src/mock/index.js';

const env = process.env;
const real = Boolean(env.GENESYS_CLIENT_ID && env.GENESYS_CLIENT_SECRET && env.MYKAARMA_USER && env.MYKAARMA_PASSWORD);
const say = (line: string) => console.log(line);

const mock = real ? undefined : await startMockServer({ port: 0 });
try {
  const f = mock?.fixtures;
  const region = (env.GENESYS_REGION ?? 'mypurecloud.com') as GenesysRegion;
  const genesys = mock ? { baseUrl: mock.urls.genesys } : { region };
  const oauth = clientCredentials(
    mock
      ? { clientId: f!.oauth.clientId, clientSecret: f!.oauth.clientSecret, loginUrl: mock.urls.login }
      : { clientId: env.GENESYS_CLIENT_ID!, clientSecret: env.GENESYS_CLIENT_SECRET!, region },
  );
  say(real ? `Talking to the real services (Genesys ${region}, myKaarma production).` : `Mock server at ${mock!.url}`);

  say('\n== Textbots: a conversation until the bot is done');
  const textbots = createTextbotsClient({ ...genesys, auth: oauth });
  const bot = { botId: f?.textbots.botId ?? env.GENESYS_BOT_ID!, integrationId: f?.textbots.integrationId ?? env.GENESYS_INTEGRATION_ID!, languageCode: 'en-us', botSessionId: randomUUID() };
  for (const text of ['I want to book a service appointment', 'tomorrow', 'at 10am']) {
    say(`  you: ${text}`);
    const reply = await textbots.postTextbotsBotsExecute({ body: { ...bot, postTextMessage: { type: 'Text', text } } });
    say(`  bot [${reply.botState}${reply.intentName ? `, ${reply.intentName}` : ''}]: ${reply.replyMessages?.map((m) => m.text).join(' ') ?? ''}`);
    if (reply.botState !== 'MoreData') break;
  }

  say('\n== WebChat: a guest chat on its event stream');
  const webchat = createWebChatClient({ ...genesys, auth: oauth });
  const chat = await webchat.startGuestChat({
    organizationId: f?.webchat.organizationId ?? env.GENESYS_ORG_ID!,
    deploymentId: f?.webchat.deploymentId ?? env.GENESYS_DEPLOYMENT_ID!,
    routingTarget: { targetType: 'QUEUE', targetAddress: f?.webchat.queueName ?? env.GENESYS_QUEUE! },
    memberInfo: { displayName: 'Ada' },
  });
  say(`  created conversation ${chat.conversationId} as member ${chat.memberId}`);
  // Listen first: the chat is routed to an agent only once its event stream is connected. What is sent
  // before the socket is open is not lost: events() fetches it when the socket opens.
  const conversation = (async () => {
    for await (const event of chat.events({ signal: AbortSignal.timeout(60_000) })) {
      const fromAgent = event.kind !== 'heartbeat' && event.kind !== 'unknown' && 'sender' in event.eventBody && event.eventBody.sender.id !== chat.memberId;
      if (event.kind === 'member-change' && event.eventBody.member.id !== chat.memberId) say(`  [event] agent ${event.eventBody.member.state}`);
      if (event.kind === 'typing-indicator' && fromAgent) say('  [event] the agent is typing…');
      if (event.kind === 'message' && event.eventBody.bodyType === 'standard') {
        say(`  [event] ${fromAgent ? 'agent' : 'Ada'}: ${event.eventBody.body}`);
        if (fromAgent) return;
      }
    }
  })();
  await chat.typing();
  await chat.send('Hi, is my car ready for pickup?');
  await conversation;
  say('  history:');
  for await (const m of chat.messages()) say(`    ${m.sender.role.padEnd(8)} ${m.bodyType === 'standard' ? m.body : `(${m.bodyType})`}`);
  await chat.leave();
  say('  Ada left the chat');

  say('\n== myKaarma: a bot message sent, saved, then updated');
  const botmessage = createBotMessageClient({
    ...(mock ? { baseUrl: mock.urls.mykaarma } : {}),
    auth: { username: f?.botmessage.username ?? env.MYKAARMA_USER!, password: f?.botmessage.password ?? env.MYKAARMA_PASSWORD! },
  });
  const path = { departmentUUID: f?.botmessage.departmentUUID ?? env.MYKAARMA_DEPARTMENT_UUID!, userUUID: f?.botmessage.userUUID ?? env.MYKAARMA_USER_UUID! };
  const phone = f?.botmessage.userPhone ?? env.MYKAARMA_PHONE!;
  const sent = await botmessage.sendBotMessage({
    params: { path },
    body: { messageAttributes: { body: 'Your Out-of-Office is still on. Reply OFF to turn it off.', type: 'OUTGOING', protocol: 'TEXT', purpose: 'OUT_OF_OFFICE_TURN_OFF_REMINDER' }, messageSendingAttributes: { recipientCommunicationValue: phone, senderName: 'myKaarma Assistant' } },
  });
  say(`  sent reminder: ${sent.status} ${sent.messageUuid}`);
  const reply = { messageAttributes: { body: 'OFF', type: 'INCOMING' as const, protocol: 'TEXT' as const }, messageSendingAttributes: { recipientCommunicationValue: '+14155550100', senderCommunicationValue: phone }, messageDeliveryAttributes: { sentTimestamp: '2025-03-28T11:34:43.226Z', receivedTimestamp: '2025-03-28T11:34:44.018Z', deliveryStatus: '1' } };
  const saved = await botmessage.saveBotMessage({ params: { path }, body: reply });
  say(`  saved the user's reply: ${saved.status} ${saved.messageUuid}`);
  const updated = await botmessage.saveBotMessage({ params: { path }, body: { ...reply, uuid: saved.messageUuid!, messageAttributes: { ...reply.messageAttributes, body: 'OFF please' } } });
  say(`  updated it in place: ${updated.status} ${updated.messageUuid}`);
  say('\ndemo: done');
} finally {
  await mock?.close();
}
