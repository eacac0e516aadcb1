/**
 * The two paging styles of the guest API: page numbers for members (WebChatMemberInfoEntityList with
 * first/next/previous/last URIs) and message-id cursors for messages (`after` / `before`, answered
 * with `next` / `previousPage` links that repeat the query with the right cursor).
 */
import type { WebChatMemberInfoEntityList, WebChatMessageEntityList } from '../../../generated/webchat/schema.js';
import { MockError } from '../errors.js';
import type { ChatMessage, Conversation, Member } from './conversations.js';
import { CONVERSATIONS_PATH, memberView, messageView } from './conversations.js';

export function membersPage(c: Conversation, query: { pageSize?: number; pageNumber?: number; excludeDisconnectedMembers?: boolean }): WebChatMemberInfoEntityList {
  const pageSize = query.pageSize ?? 25;
  const pageNumber = query.pageNumber ?? 1;
  const exclude = query.excludeDisconnectedMembers === true;
  const members: Member[] = [...c.members.values()].filter((m) => !exclude || m.state !== 'DISCONNECTED');
  const total = members.length;
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  const uri = (page: number) =>
    `${CONVERSATIONS_PATH}/${c.id}/members?pageSize=${pageSize}&pageNumber=${page}${exclude ? '&excludeDisconnectedMembers=true' : ''}`;
  const body: WebChatMemberInfoEntityList = {
    entities: members.slice((pageNumber - 1) * pageSize, pageNumber * pageSize).map(memberView),
    pageSize,
    pageNumber,
    total,
    pageCount,
    firstUri: uri(1),
    lastUri: uri(pageCount),
    selfUri: uri(pageNumber),
  };
  if (pageNumber < pageCount) body.nextUri = uri(pageNumber + 1);
  if (pageNumber > 1) body.previousUri = uri(Math.min(pageNumber - 1, pageCount));
  return body;
}

function indexOf(c: Conversation, id: string, name: string): number {
  const i = c.messages.findIndex((m) => m.id === id);
  if (i < 0) {
    throw new MockError(400, 'invalid.query.param.value', `Value [${id}] is not valid for parameter [${name}]: no such message in this conversation`, {
      details: [{ errorCode: 'invalid.query.param.value', fieldName: name }],
    });
  }
  return i;
}

/**
 * Messages strictly between `after` and `before` (both optional), at most `maxResults`: the oldest ones
 * when ascending, the newest ones (newest first) when descending.
 */
export function messagesPage(c: Conversation, query: { maxResults?: number; sortOrder?: string; after?: string; before?: string }): WebChatMessageEntityList {
  const maxResults = query.maxResults ?? 100;
  const descending = query.sortOrder === 'descending';
  const start = typeof query.after === 'string' && query.after !== '' ? indexOf(c, query.after, 'after') + 1 : 0;
  const end = typeof query.before === 'string' && query.before !== '' ? indexOf(c, query.before, 'before') : c.messages.length;
  const range = c.messages.slice(start, Math.max(start, end));
  const chosen: ChatMessage[] = descending ? range.slice(-maxResults).reverse() : range.slice(0, maxResults);
  const base = `${CONVERSATIONS_PATH}/${c.id}/messages`;
  const link = (cursor: 'after' | 'before', id: string) =>
    `${base}?${cursor}=${encodeURIComponent(id)}&maxResults=${maxResults}&sortOrder=${descending ? 'descending' : 'ascending'}`;
  const body: WebChatMessageEntityList = {
    pageSize: maxResults,
    entities: chosen.map((m) => messageView(c, m)),
    selfUri: base,
  };
  const oldest = descending ? chosen[chosen.length - 1] : chosen[0];
  const newest = descending ? chosen[0] : chosen[chosen.length - 1];
  if (oldest && newest) {
    const oldestIndex = c.messages.indexOf(oldest);
    const newestIndex = c.messages.indexOf(newest);
    // "next" continues in the sort direction, "previousPage" goes back the other way.
    const hasOlder = oldestIndex > 0;
    const hasNewer = newestIndex < c.messages.length - 1;
    if (descending) {
      if (hasOlder) body.next = link('before', oldest.id);
      if (hasNewer) body.previousPage = link('after', newest.id);
    } else {
      if (hasNewer) body.next = link('after', newest.id);
      if (hasOlder) body.previousPage = link('before', oldest.id);
    }
  }
  return body;
}
