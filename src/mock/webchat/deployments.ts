/**
 * WebChat deployments and the organization's WebChat settings (reference §5 B, operations 1–8):
 * in-memory CRUD seeded from the fixtures. Scopes are enforced by the pipeline from the spec's
 * security requirements; the vendor's cap of 25 deployments answers 409 `maximum.deployments.exceeded`.
 */
import type { WebChatDeployment, WebChatSettings } from '../../../generated/webchat/schema.js';
import type { HandlerRequest, Handlers } from '../context.js';
import { MockError } from '../errors.js';
import { DEPLOYMENTS } from '../fixtures.js';

export const MAX_DEPLOYMENTS = 25;
const BASE = '/api/v2/webchat/deployments';

/** A stored deployment: the spec's model with its id set. */
export type Deployment = WebChatDeployment & { id: string };

/**
 * The pipeline refuses bodies nested deeper than MAX_JSON_DEPTH before they are parsed; this is the
 * second line: nothing goes into the store that cannot be rendered back (a value JSON.stringify
 * rejects would make every later read of it, and the deployment list, answer 500).
 */
function renderable<T>(value: T): T {
  try {
    JSON.stringify(value);
  } catch (e) {
    throw new MockError(400, 'bad.request', `The request body cannot be stored: ${e instanceof Error ? e.message : String(e)}`, {
      details: [{ errorCode: 'bad.request', fieldName: 'body' }],
    });
  }
  return value;
}

export class DeploymentStore {
  readonly #items = new Map<string, Deployment>();
  #settings: WebChatSettings = { requireDeployment: false };

  constructor() {
    for (const d of DEPLOYMENTS) this.#items.set(d.id, structuredClone(d) as Deployment);
  }

  get(id: string): Deployment | undefined {
    return this.#items.get(id);
  }

  all(): Deployment[] {
    return [...this.#items.values()];
  }

  get size(): number {
    return this.#items.size;
  }

  put(d: Deployment): void {
    this.#items.set(d.id, renderable(d));
  }

  get settings(): WebChatSettings {
    return this.#settings;
  }

  set settings(value: WebChatSettings) {
    this.#settings = renderable(value);
  }

  delete(id: string): boolean {
    return this.#items.delete(id);
  }
}

export function deploymentView(d: Deployment): WebChatDeployment {
  return { ...d, selfUri: `${BASE}/${d.id}` };
}

function notFound(id: string): MockError {
  return new MockError(404, 'not.found', `The requested resource was not found: deployment ${id}`, { entityId: id });
}

/** The writable fields of a WebChatDeployment body (id and selfUri are read-only). */
function writable(body: WebChatDeployment): Omit<WebChatDeployment, 'id' | 'selfUri'> {
  const { id: _id, selfUri: _selfUri, ...rest } = body;
  return rest;
}

export function deploymentHandlers(store: DeploymentStore): Handlers {
  const existing = (req: HandlerRequest<'getWebchatDeployment' | 'putWebchatDeployment' | 'deleteWebchatDeployment'>): Deployment => {
    const id = req.params.deploymentId;
    const d = store.get(id);
    if (!d) throw notFound(id);
    return d;
  };
  return {
    getWebchatDeployments: () => {
      const entities = store.all().map(deploymentView);
      return { body: { total: entities.length, entities, selfUri: BASE } };
    },
    postWebchatDeployments: (req) => {
      if (store.size >= MAX_DEPLOYMENTS) {
        throw new MockError(409, 'maximum.deployments.exceeded', `No more than ${MAX_DEPLOYMENTS} deployments allowed`, {
          limit: { key: 'deployments', namespace: 'webchat', value: MAX_DEPLOYMENTS },
        });
      }
      const d: Deployment = { ...writable(req.body), id: crypto.randomUUID() };
      store.put(d);
      return { body: deploymentView(d) };
    },
    getWebchatDeployment: (req) => ({ body: deploymentView(existing(req)) }),
    putWebchatDeployment: (req) => {
      // PUT replaces the whole deployment; fields left out are gone.
      const d: Deployment = { ...writable(req.body), id: existing(req).id };
      store.put(d);
      return { body: deploymentView(d) };
    },
    deleteWebchatDeployment: (req) => {
      store.delete(existing(req).id);
      return { body: undefined };
    },
    getWebchatSettings: () => ({ body: store.settings }),
    putWebchatSettings: (req) => {
      store.settings = { ...req.body };
      return { body: store.settings };
    },
    deleteWebchatSettings: () => {
      store.settings = {};
      return { body: undefined };
    },
  };
}
