/** The specs the pipeline knows, and where their sources and outputs live. */
export interface ApiDef {
  /** Name in redocly.yaml and folder under generated/. */
  name: 'textbots' | 'webchat' | 'botmessage' | 'webchat-events';
  /** Spec path relative to the repository root. */
  spec: string;
  kind: 'openapi' | 'asyncapi';
  /** Other spec files its `$ref`s read, besides openapi/shared/ (a change there regenerates it too). */
  uses: readonly string[];
}

/** An AsyncAPI document of an event stream, typed against the models of one OpenAPI spec. */
export interface EventApiDef extends ApiDef {
  kind: 'asyncapi';
  /** The OpenAPI API whose models its payloads `$ref`. */
  models: 'webchat';
  /** Prefix of the generated names: `<Prefix>Event`, `<prefix>EventKinds`, … */
  prefix: string;
}

/** One of the OpenAPI 3.1 APIs. */
export interface OpenApiDef extends ApiDef {
  name: 'textbots' | 'webchat' | 'botmessage';
  kind: 'openapi';
}

/** The three OpenAPI 3.1 APIs (clients, mock, docs). */
export const APIS: readonly OpenApiDef[] = [
  { name: 'textbots', spec: 'openapi/textbots.yaml', kind: 'openapi', uses: [] },
  { name: 'webchat', spec: 'openapi/webchat.yaml', kind: 'openapi', uses: [] },
  { name: 'botmessage', spec: 'openapi/botmessage.yaml', kind: 'openapi', uses: [] },
];

/** The AsyncAPI 3.0 event streams. */
export const EVENT_APIS: readonly EventApiDef[] = [
  { name: 'webchat-events', spec: 'openapi/webchat-events.asyncapi.yaml', kind: 'asyncapi', uses: ['openapi/webchat.yaml'], models: 'webchat', prefix: 'WebChat' },
];

/** Every spec, in pipeline order (an event stream after the API whose models it uses). */
export const ALL_APIS: readonly ApiDef[] = [...APIS, ...EVENT_APIS];

export const GENERATED_DIR = 'generated';
