/**
 * The calls the throughput benchmarks make and the answers the echo server gives, in one place for the
 * Node benchmarks (bench/client.ts), the echo server and the browser page (bench/browser-page.ts): no
 * Node import here, so the page can bundle it.
 */
export const TOKEN = 'bench-token';
export const GUEST_JWT = 'bench.guest.jwt';
export const RAW_FETCH = 'raw fetch';

/** Textbots execute: the request body and the echo server's answer. */
export const EXECUTE_BODY = { botId: 'b1', integrationId: 'i1', botSessionId: '6f1c0d8e-1b2a-4c3d-8e9f-0a1b2c3d4e5f', postTextMessage: { type: 'Text' as const, text: 'I want to book a service appointment' }, languageCode: 'en-us' };
export const EXECUTE_REPLY = JSON.stringify({ botState: 'MoreData', intentName: 'BookServiceAppointment', replyMessages: [{ type: 'Text', text: 'Which day suits you?' }], slots: { service: 'oil change' }, botCorrelationId: 'c-1' });

/** A guest message: its path parameters, request body and the echo server's answer. */
export const MESSAGE_PATH = { conversationId: 'conv-1', memberId: 'mem-1' };
export const MESSAGE_BODY = { body: 'Hello' };
export const MESSAGE_REPLY = JSON.stringify({ id: 'm-1', body: 'Hello', bodyType: 'standard', timestamp: '2025-03-28T11:34:43.226Z', conversation: { id: 'conv-1' }, sender: { id: 'mem-1', role: 'CUSTOMER' } });
