/**
 * The rule set seen from both sides: the client's check of a typed call (`requestIssues`) and the
 * server-side check of the same request as strings (`rawRequestIssues`, what the mock will use) give
 * the same issues, row by row. (A parameter is reported once, with its first issue.)
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { rawRequestIssues, type RawRequest } from '../../src/core/rules-raw.js';
import { checkRule, validator, type Rule } from '../../src/core/rules.js';
import { isUuid } from '../../src/core/rules-formats.js';
import { requestIssues, type RequestParts } from '../../src/core/validate.js';
import type { OperationDef } from '../../src/core/operation.js';
import { operations as webchat } from '../../generated/webchat/operations.js';
import { operations as botmessage } from '../../generated/botmessage/operations.js';

const members = webchat.getWebchatGuestConversationMembers as OperationDef;
const messages = webchat.getWebchatGuestConversationMessages as OperationDef;
const send = botmessage.sendBotMessage as OperationDef;
const conv = { conversationId: 'c1' };

/** [what, operation, the call as the client makes it, the same request as a server sees it, expected issues] */
const ROWS: Array<[string, OperationDef, RequestParts, RawRequest, string[]]> = [
  ['a valid page', members, { params: { path: conv, query: { pageNumber: 3, pageSize: 25 } } }, { path: conv, query: new URLSearchParams('pageNumber=3&pageSize=25') }, []],
  ['int32 overflow', members, { params: { path: conv, query: { pageNumber: 3000000000 } } }, { path: conv, query: new URLSearchParams('pageNumber=3000000000') }, ['params.query.pageNumber must be a valid int32']],
  ['below the minimum', members, { params: { path: conv, query: { pageSize: 0 } } }, { path: conv, query: new URLSearchParams('pageSize=0') }, ['params.query.pageSize must be >= 1']],
  ['a fraction for an integer', members, { params: { path: conv, query: { pageSize: 1.5 } } }, { path: conv, query: new URLSearchParams('pageSize=1.5') }, ['params.query.pageSize must be integer']],
  ['not a number', members, { params: { path: conv, query: { pageSize: 'ten' } } }, { path: conv, query: new URLSearchParams('pageSize=ten') }, ['params.query.pageSize must be integer']],
  ['a boolean', members, { params: { path: conv, query: { excludeDisconnectedMembers: true } } }, { path: conv, query: new URLSearchParams('excludeDisconnectedMembers=true') }, []],
  ['not a boolean', members, { params: { path: conv, query: { excludeDisconnectedMembers: 'yes' } } }, { path: conv, query: new URLSearchParams('excludeDisconnectedMembers=yes') }, ['params.query.excludeDisconnectedMembers must be boolean']],
  ['an unknown parameter', members, { params: { path: conv, query: { pagesize: 5 } } }, { path: conv, query: new URLSearchParams('pagesize=5') }, ['params.query.pagesize is not a parameter of this operation']],
  ['above the maximum and outside the enum', messages, { params: { path: conv, query: { maxResults: 101, sortOrder: 'up' } } }, { path: conv, query: new URLSearchParams('maxResults=101&sortOrder=up') }, ['params.query.maxResults must be <= 100', 'params.query.sortOrder must be one of: "ascending", "descending"']],
  ['empty values are not given (the vendor SDK sends every optional parameter)', messages, { params: { path: conv, query: { maxResults: '', sortOrder: '', after: '' } } }, { path: conv, query: new URLSearchParams('maxResults=&sortOrder=&after=') }, []],
  ['an empty value beside a bad one', messages, { params: { path: conv, query: { maxResults: 0, sortOrder: '' } } }, { path: conv, query: new URLSearchParams('maxResults=0&sortOrder=') }, ['params.query.maxResults must be >= 1']],
  ['an empty path parameter', members, { params: { path: { conversationId: '' } } }, { path: { conversationId: '' } }, ['params.path.conversationId must be a non-empty string']],
  ['a dot-segment path parameter', members, { params: { path: { conversationId: '..' } } }, { path: { conversationId: '..' } }, ['params.path.conversationId must not be a dot segment']],
  ['a missing body', send, { params: { path: { departmentUUID: 'd', userUUID: 'u' } } }, { path: { departmentUUID: 'd', userUUID: 'u' } }, ['body is required']],
  [
    'a body breaking allOf, const and required',
    send,
    { params: { path: { departmentUUID: 'd', userUUID: 'u' } }, body: { messageAttributes: { body: '', type: 'INCOMING', protocol: 'TEXT' }, messageSendingAttributes: {} } },
    { path: { departmentUUID: 'd', userUUID: 'u' }, body: { messageAttributes: { body: '', type: 'INCOMING', protocol: 'TEXT' }, messageSendingAttributes: {} } },
    ['body.messageAttributes.body must have at least 1 character(s)', 'body.messageAttributes.type must be "OUTGOING"', 'body.messageSendingAttributes.recipientCommunicationValue is required', 'body.messageSendingAttributes.senderName is required'],
  ],
];

describe('one rule set for the client and the mock', () => {
  it.each(ROWS)('%s', (_what, def, call, raw, expected) => {
    const said = (issues: Array<{ path: string; message: string }>) => issues.map((i) => `${i.path} ${i.message}`).sort();
    expect(said(requestIssues(def, call, true))).toEqual([...expected].sort());
    expect(said(rawRequestIssues(def, raw))).toEqual([...expected].sort());
  });

  it('a repeated scalar parameter is refused; an empty value is not given, as the vendors read it', () => {
    const issues = rawRequestIssues(members, { path: conv, query: new URLSearchParams('pageSize=1&pageSize=2&pageNumber=') });
    expect(issues.map((i) => `${i.path} ${i.message}`).sort()).toEqual(['params.query.pageSize must be integer']);
  });
});

describe('the checker', () => {
  const check = (rule: Rule, value: unknown) => {
    const out: Array<{ path: string; message: string }> = [];
    checkRule(rule, value, '', out);
    return out.map((i) => `${i.path} ${i.message}`);
  };

  it('counts characters, not UTF-16 units', () => {
    expect(check({ type: 'string', maxLength: 2 }, '😀😀')).toEqual([]);
    expect(check({ type: 'string', maxLength: 2 }, '😀😀😀')).toEqual([' must have at most 2 characters']);
  });

  it('never puts the value in a message', () => {
    const secret = 'hunter2-secret';
    const issues = check({ type: 'object', properties: { a: { type: 'integer' }, b: { format: 'uuid', stringFormat: isUuid }, c: { enum: ['x'] } } }, { a: secret, b: secret, c: secret });
    expect(issues).toHaveLength(3);
    expect(issues.join(' ')).not.toContain(secret);
  });

  it('anyOf and oneOf keep the failed alternatives only when they fail', () => {
    const rule: Rule = { oneOf: [{ type: 'string' }, { type: 'integer' }] };
    expect(check(rule, 'a')).toEqual([]);
    expect(check(rule, true)).toEqual([' must be string', ' must be integer', ' fails oneOf']);
    expect(check({ oneOf: [{ type: 'number' }, { type: 'integer' }] }, 1)).toEqual([' fails oneOf']);
    expect(check({ anyOf: [{ type: 'number' }, { type: 'integer' }] }, 1)).toEqual([]);
  });

  it('recursive rules, by function reference', () => {
    const node: Rule = { type: 'object', properties: { child: { $ref: () => node } } };
    expect(validator(node)({ child: { child: { child: 5 } } })).toBe(false);
    const v = validator(node);
    v({ child: { child: 5 } });
    expect(v.errors).toEqual([{ path: '.child.child', message: 'must be object' }]);
  });
});

describe('format predicates in the generated rules', () => {
  const formatsSource = readFileSync(new URL('../../src/core/rules-formats.ts', import.meta.url), 'utf8');
  const files = ['textbots', 'webchat', 'botmessage'].flatMap((api) => [`generated/${api}/validators.ts`, `generated/${api}/response-validators.ts`]).concat('generated/webchat-events/frame-rules.ts');

  it('each rules file declares exactly the predicates its rules call, each a copy of the one in rules-formats.ts', () => {
    for (const file of files) {
      const text = readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8');
      const declared = [...text.matchAll(/^const \$\$(\w+) = (.*)$/gm)];
      const called = new Set([...text.matchAll(/(?:string|number)Format:\$\$(\w+)/g)].map((m) => m[1]));
      expect(declared.map((m) => m[1]).sort(), file).toEqual([...called].sort());
      for (const [, name, firstLine] of declared) expect(formatsSource, `${file}: ${name}`).toContain(`export const ${name} = ${firstLine}`);
    }
  });

  it('the guest request rules carry no date-time, uuid or email code; the response rules that need date-time do', () => {
    const requests = readFileSync(new URL('../../generated/webchat/validators.ts', import.meta.url), 'utf8');
    expect(requests).not.toMatch(/\$\$is(DateTime|Uuid|Email)\b/);
    expect(readFileSync(new URL('../../generated/textbots/response-validators.ts', import.meta.url), 'utf8')).toContain('const $$isDateTime = ');
  });

  it('a generated rule checks its format with the copied predicate', () => {
    const create = webchat.postWebchatGuestConversations;
    const body = { organizationId: 'o', deploymentId: 'd', routingTarget: { targetType: 'QUEUE', targetAddress: 'Support' }, memberInfo: { displayName: 'Ada', avatarImageUrl: 'not a uri' } };
    expect(requestIssues(create, { body }, true)).toEqual([{ path: 'body.memberInfo.avatarImageUrl', message: 'must be a valid uri' }]);
    expect(requestIssues(create, { body: { ...body, memberInfo: { displayName: 'Ada', avatarImageUrl: 'https://example.com/a.png' } } }, true)).toEqual([]);
  });
});
