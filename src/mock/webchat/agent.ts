/**
 * The simulated agent of every guest chat. A chat is routed to it once an event stream is connected
 * (reference §9: "not routed until the socket is connected"), or at once with `routeWithoutEventStream`.
 * It then joins after a delay (ALERTING, then CONNECTED, with a member-join message), answers each guest
 * message after a delay with a typing indicator halfway, raises a media request when the guest asks for
 * a screen share or co-browse, and leaves when the guest does. Answers are deterministic so tests and
 * demos can assert on them; `say()` lets a test make it say anything.
 */
import type { ChatMessage, Conversation, ConversationStore, Member } from './conversations.js';

export const AGENT_NAME = 'Alex';

/** Per conversation; older requests are forgotten first. */
const MAX_MEDIA_REQUESTS = 50;

/** The agent's answer to a guest message (exported for tests and docs). */
export function agentAnswer(text: string, guestName: string | undefined): string {
  const name = guestName ? ` ${guestName}` : '';
  if (/\b(hi|hello|hey)\b/i.test(text)) return `Hello${name}, this is ${AGENT_NAME} from the service desk. How can I help you today?`;
  if (/\bappointment\b/i.test(text)) return 'I can help with that. Which day works best for you?';
  if (/\b(thanks|thank you|bye)\b/i.test(text)) return 'You are welcome. Have a great day!';
  return `Thanks for your message: "${text}". Let me check that for you.`;
}

export class SimulatedAgent {
  constructor(
    private readonly store: ConversationStore,
    private readonly delayMs: number,
    private readonly routeWithoutEventStream = false,
  ) {}

  /** A new chat: routed now only when the mock does not wait for an event stream. */
  onCreated(c: Conversation): void {
    if (this.routeWithoutEventStream) this.#route(c);
  }

  /** An event stream of the chat was accepted: the first one routes it. */
  onStreamConnected(c: Conversation): void {
    this.#route(c);
  }

  onGuestMessage(c: Conversation, msg: ChatMessage): void {
    const agent = this.agentOf(c);
    // Before the agent has joined, the join answers the waiting messages.
    if (!agent || agent.state !== 'CONNECTED' || msg.bodyType !== 'standard') return;
    this.store.schedule(c, Math.floor(this.delayMs / 2), () => this.#typeThenAnswer(c, agent, msg));
  }

  /** The guest left: the chat is over, so the agent leaves too. */
  onGuestLeft(c: Conversation, now: number): void {
    const agent = this.agentOf(c);
    this.store.end(c);
    if (agent && agent.state !== 'DISCONNECTED') this.store.leave(c, agent, now);
  }

  /** The agent says `text` now. Throws when it is not in the chat. */
  say(c: Conversation, text: string): ChatMessage {
    const agent = this.agentOf(c);
    if (c.ended) throw new Error(`conversation ${c.id} is over`);
    if (!agent || agent.state !== 'CONNECTED') throw new Error(`no agent has joined conversation ${c.id} yet: a chat is routed once an event stream is connected (or with routeWithoutEventStream)`);
    return this.store.addMessage(c, agent.id, text, 'standard');
  }

  agentOf(c: Conversation): Member | undefined {
    for (const m of c.members.values()) if (m.role === 'AGENT') return m;
    return undefined;
  }

  /** The agent is alerted, then joins after the delay and answers what is already waiting. Once per chat. */
  #route(c: Conversation): void {
    if (c.routed || c.ended) return;
    c.routed = true;
    this.store.schedule(c, this.delayMs, () => {
      const now = Date.now();
      const agent: Member = {
        id: crypto.randomUUID(),
        role: 'AGENT',
        state: 'ALERTING',
        joinDate: new Date(now).toISOString(),
        displayName: AGENT_NAME,
        firstName: AGENT_NAME,
        lastName: 'Rivera',
      };
      this.store.addMember(c, agent);
      agent.state = 'CONNECTED';
      this.store.memberChanged(c, agent);
      this.store.addMessage(c, agent.id, '', 'member-join', now);
      for (const msg of c.messages.filter((m) => m.senderId === c.guestId && m.bodyType === 'standard')) this.#typeThenAnswer(c, agent, msg);
    });
  }

  /** A typing indicator now, the answer half the delay later (clients show typing until a message arrives). */
  #typeThenAnswer(c: Conversation, agent: Member, msg: ChatMessage): void {
    if (agent.state !== 'CONNECTED') return;
    this.store.typing(c, agent.id, Date.now());
    this.store.schedule(c, Math.ceil(this.delayMs / 2), () => this.#answer(c, agent, msg));
  }

  #answer(c: Conversation, agent: Member, msg: ChatMessage): void {
    if (agent.state !== 'CONNECTED') return;
    const wantsScreen = /\bscreen ?share\b/i.test(msg.body);
    const wantsCobrowse = /\bco-?brows(e|ing)\b/i.test(msg.body);
    if (wantsScreen || wantsCobrowse) {
      const request = {
        id: crypto.randomUUID(),
        types: [wantsScreen ? ('SCREENSHARE' as const) : ('COBROWSE' as const)],
        state: 'PENDING' as const,
        securityKey: [...crypto.getRandomValues(new Uint8Array(3))].map((b) => b.toString(16).padStart(2, '0')).join('').toUpperCase(),
      };
      c.mediaRequests.set(request.id, request);
      const oldest = c.mediaRequests.keys().next().value;
      if (c.mediaRequests.size > MAX_MEDIA_REQUESTS && oldest !== undefined) c.mediaRequests.delete(oldest);
      this.store.addMessage(c, agent.id, request.id, 'media-request');
      this.store.addMessage(c, agent.id, `I have sent you a ${wantsScreen ? 'screen share' : 'co-browse'} request. Please accept it to continue.`, 'standard');
      return;
    }
    const guest = c.members.get(c.guestId);
    this.store.addMessage(c, agent.id, agentAnswer(msg.body, guest?.firstName ?? guest?.displayName), 'standard');
  }
}
