import type { MockFixtures } from './types.js';

/**
 * The seeded data. Constant across runs on purpose: Arazzo workflows, docs and users' own tests can name
 * these values without reading them from a running server first.
 */
export const FIXTURES: MockFixtures = {
  oauth: {
    clientId: 'mock-client-7c1f4e2a',
    clientSecret: 'mock-secret-textbots-webchat',
    readonlyClientId: 'mock-client-readonly-3b9d',
    readonlyClientSecret: 'mock-secret-webchat-readonly',
    textbotsOnlyClientId: 'mock-client-textbots-5e21',
    textbotsOnlyClientSecret: 'mock-secret-textbots-only',
    accessToken: 'mock-access-token-all-scopes',
    readonlyAccessToken: 'mock-access-token-webchat-readonly',
  },
  textbots: {
    botId: 'ServiceScheduler',
    integrationId: '5f0c2b1e-7d4a-4c3b-9a8e-2e6f1d0b7c94',
    languageCode: 'en-us',
    otherLanguageBotId: 'AgendaServicio',
    otherLanguageIntegrationId: '9d3a7b61-0c2e-4f58-8a4d-6b1e2f3c4d5e',
    otherLanguageCode: 'es-us',
  },
  webchat: {
    organizationId: 'b6e7c1d2-3f4a-4b5c-9d8e-7f6a5b4c3d2e',
    deploymentId: '3c8f0a52-7d41-4b8e-9f6a-2e5d1c4b7a90',
    queueName: 'Service Desk',
    disabledDeploymentId: '7e9d1c3b-5a4f-4e2d-8c1b-0a9f8e7d6c5b',
    authRequiredDeploymentId: '9a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
  },
  botmessage: {
    departmentUUID: '6c0a4f7e2b9d4e1a8f3c5b7d9e0f1a2b',
    userUUID: '0f9e8d7c6b5a49382716a5b4c3d2e1f0',
    username: 'mock-subscriber',
    password: 'mock-subscriber-password',
    userPhone: '+14155550123',
    unauthorizedUsername: 'mock-subscriber-other-dealer',
    unauthorizedPassword: 'mock-other-dealer-password',
  },
};

export type Scope = 'textbots' | 'web-chat' | 'web-chat:readonly';

export const OAUTH_CLIENTS: ReadonlyArray<{ id: string; secret: string; scopes: Scope[] }> = [
  { id: FIXTURES.oauth.clientId, secret: FIXTURES.oauth.clientSecret, scopes: ['textbots', 'web-chat'] },
  { id: FIXTURES.oauth.readonlyClientId, secret: FIXTURES.oauth.readonlyClientSecret, scopes: ['web-chat:readonly'] },
  { id: FIXTURES.oauth.textbotsOnlyClientId, secret: FIXTURES.oauth.textbotsOnlyClientSecret, scopes: ['textbots'] },
];

export interface BotDefinition {
  botId: string;
  integrationId: string;
  /** Lower case; requests are compared case-insensitively. */
  languages: string[];
  /** Which raw vendor payload the response carries (PostTextResponse.amazonLex / googleDialogFlow). */
  vendor: 'amazonLex' | 'googleDialogFlow';
}

export const BOTS: ReadonlyArray<BotDefinition> = [
  { botId: FIXTURES.textbots.botId, integrationId: FIXTURES.textbots.integrationId, languages: ['en-us'], vendor: 'amazonLex' },
  {
    botId: FIXTURES.textbots.otherLanguageBotId,
    integrationId: FIXTURES.textbots.otherLanguageIntegrationId,
    languages: ['es-us'],
    vendor: 'googleDialogFlow',
  },
];

/** Seeded WebChat deployments (WebChatDeployment without selfUri, which the store adds). */
export const DEPLOYMENTS = [
  {
    id: FIXTURES.webchat.deploymentId,
    name: 'Mock dealership website',
    description: 'Anonymous guest chat on the public pages',
    authenticationRequired: false,
    disabled: false,
    webChatConfig: { webChatSkin: 'modern-caret-skin' as const },
    allowedDomains: [] as string[],
  },
  {
    id: FIXTURES.webchat.disabledDeploymentId,
    name: 'Retired widget',
    description: 'Disabled deployment',
    authenticationRequired: false,
    disabled: true,
    webChatConfig: { webChatSkin: 'basic' as const },
    allowedDomains: [] as string[],
  },
  {
    id: FIXTURES.webchat.authRequiredDeploymentId,
    name: 'Customer portal (signed-in users)',
    description: 'Authenticated guests only',
    authenticationRequired: true,
    authenticationUrl: 'https://portal.example.invalid/genesys/chat-auth',
    disabled: false,
    webChatConfig: { webChatSkin: 'basic' as const },
    allowedDomains: [] as string[],
  },
];

export const QUEUES: ReadonlySet<string> = new Set([FIXTURES.webchat.queueName, 'Sales']);

export interface Subscriber {
  username: string;
  password: string;
  /** Departments for which the subscriber holds communications.bot.message.write. */
  departments: string[];
}

export const SUBSCRIBERS: ReadonlyArray<Subscriber> = [
  { username: FIXTURES.botmessage.username, password: FIXTURES.botmessage.password, departments: [FIXTURES.botmessage.departmentUUID] },
  {
    username: FIXTURES.botmessage.unauthorizedUsername,
    password: FIXTURES.botmessage.unauthorizedPassword,
    departments: ['1a2b3c4d5e6f47a8b9c0d1e2f3a4b5c6'],
  },
];

/** Department → its users (DealerAssociates). */
export const DEPARTMENTS: ReadonlyMap<string, ReadonlyArray<{ uuid: string; firstName: string; lastName: string; phone: string }>> = new Map([
  [FIXTURES.botmessage.departmentUUID, [{ uuid: FIXTURES.botmessage.userUUID, firstName: 'Dana', lastName: 'Whitfield', phone: FIXTURES.botmessage.userPhone }]],
  ['1a2b3c4d5e6f47a8b9c0d1e2f3a4b5c6', [{ uuid: '2b3c4d5e6f7a48b9c0d1e2f3a4b5c6d7', firstName: 'Lee', lastName: 'Moreno', phone: '+14155550188' }]],
]);
