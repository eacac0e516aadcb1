/** `bot-apis/textbots`: Genesys Cloud Textbots (`POST /api/v2/textbots/bots/execute`). */
import type { paths } from '../generated/textbots/schema.js';
import { loadResponseValidators, operations, server, type OperationRoutes, type TextbotsMethods } from '../generated/textbots/operations.js';
import type { GenesysAuth } from './core/auth.js';
import { createApiClient, type ApiClientParts } from './core/client.js';
import { genesysBaseUrl, resolveCommon, type CommonClientOptions, type GenesysRegion } from './core/options.js';
import type { OperationDef } from './core/operation.js';

export type * from '../generated/textbots/models.js';
export type { paths as TextbotsPaths } from '../generated/textbots/schema.js';
export type { TextbotsMethods } from '../generated/textbots/operations.js';
export * from './core/public.js';

export interface TextbotsClientOptions extends CommonClientOptions<GenesysAuth> {
  /** Genesys region domain. @default 'mypurecloud.com' */
  region?: GenesysRegion;
}

/** `raw` (openapi-fetch) and one documented method per operation (see {@link TextbotsMethods}). */
export type TextbotsClient = ApiClientParts<paths> & TextbotsMethods;

/**
 * @example
 * const textbots = createTextbotsClient({ region: 'mypurecloud.com', auth: clientCredentials({ clientId, clientSecret }) });
 * const reply = await textbots.postTextbotsBotsExecute({ body: { botId, integrationId, botSessionId, postTextMessage: { type: 'Text', text: 'Hi' } } });
 */
export function createTextbotsClient(options: TextbotsClientOptions = {}): TextbotsClient {
  const resolved = resolveCommon(options, options.baseUrl ? '' : genesysBaseUrl(options.region, server.variables.domain.enum));
  // The generated TextbotsMethods declares the same signatures as OperationMethods<OperationRoutes> (test/types).
  return createApiClient<paths, OperationRoutes>(Object.values(operations) as OperationDef[], resolved, loadResponseValidators) as TextbotsClient;
}
