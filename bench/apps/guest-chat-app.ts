// A browser page's whole chat: what a site embedding a guest chat ships. Bundled by bench/bundle.ts.
import { createGuestChatClient } from '../../src/webchat.js';

export async function chat(baseUrl: string, organizationId: string, deploymentId: string, text: string): Promise<string[]> {
  const guest = createGuestChatClient({ baseUrl });
  const session = await guest.startGuestChat({ organizationId, deploymentId, routingTarget: { targetType: 'QUEUE', targetAddress: 'Support' }, memberInfo: { displayName: 'Guest' } });
  await session.typing();
  await session.send(text);
  const lines: string[] = [];
  for await (const message of session.messages()) lines.push(`${message.sender.role}: ${message.body}`);
  await session.leave();
  return lines;
}
