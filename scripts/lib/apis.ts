/** The three APIs the pipeline knows, and where their spec and outputs live. */
export interface ApiDef {
  /** Name in redocly.yaml and folder under generated/. */
  name: 'textbots' | 'webchat' | 'botmessage';
  /** Spec path relative to the repository root. */
  spec: string;
}

export const APIS: readonly ApiDef[] = [
  { name: 'textbots', spec: 'openapi/textbots.yaml' },
  { name: 'webchat', spec: 'openapi/webchat.yaml' },
  { name: 'botmessage', spec: 'openapi/botmessage.yaml' },
];

export const GENERATED_DIR = 'generated';
