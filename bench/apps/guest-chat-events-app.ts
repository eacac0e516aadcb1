// A browser chat widget that lives on the event stream: the agent's answers arrive through events().
import { createGuestChatClient } from '../../src/webchat.js';

export async function chat(baseUrl: string, organizationId: string, deploymentId: string, text: string, onLine: (line: string) => void): Promise<void> {
  const guest = createGuestChatClient({ baseUrl });
  const session = await guest.startGuestChat({ organizationId, deploymentId, routingTarget: { targetType: 'QUEUE', targetAddress: 'Support' }, memberInfo: { displayName: 'Guest' } });
  const events = session.events();
  await session.send(text);
  for await (const event of events) {
    if (event.kind === 'message') onLine(event.eventBody.body);
    if (event.kind === 'typing-indicator') onLine('…');
  }
}
