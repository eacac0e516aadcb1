/**
 * Every `@example` a user of the installed package can see in an editor: the doc comments of each entry
 * point's exports, and of the members of the exported types (the generated methods included), read with
 * the TypeScript compiler from the installed `.d.ts` files. Each becomes a module of a strict consumer,
 * with the package's exports it uses imported and the free names it assumes (`clientId`, `webchat`…)
 * declared, so that it compiles exactly as written.
 */
import { join, relative } from 'node:path';
import ts from 'typescript';

export interface Example {
  /** Where the comment is: `dist/src/webchat.d.ts: createWebChatClient`. */
  origin: string;
  code: string;
}

/** Entry points and the module specifier a consumer uses. */
export const ENTRIES = ['bot-apis', 'bot-apis/textbots', 'bot-apis/webchat', 'bot-apis/botmessage', 'bot-apis/node', 'bot-apis/mock', 'bot-apis/mock/msw'] as const;

/** Reads the examples, and which entry exports each value name (for the imports an example needs). */
export function collectExamples(project: string): { examples: Example[]; exportsOf: Map<string, string> } {
  const seen = new Set<string>();
  const examples: Example[] = [];
  const exportsOf = new Map<string, string>();
  // Under the `node` condition (nodenext) and without it (bundler): each resolves its own .d.ts files.
  const node: ts.CompilerOptions = { module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext };
  const bundler: ts.CompilerOptions = { module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler };
  for (const mode of [node, bundler]) readExamples(project, { ...mode, target: ts.ScriptTarget.ES2022, strict: true, noEmit: true, types: ['node'] }, seen, examples, exportsOf);
  return { examples, exportsOf };
}

function readExamples(project: string, options: ts.CompilerOptions, seen: Set<string>, examples: Example[], exportsOf: Map<string, string>): void {
  const probe = join(project, '__examples_probe.ts');
  const source = ENTRIES.map((e, i) => `import * as e${i} from '${e}';\nexport { e${i} };`).join('\n');
  const host = ts.createCompilerHost(options);
  const read = host.readFile.bind(host);
  host.readFile = (name) => (name === probe ? source : read(name));
  const exists = host.fileExists.bind(host);
  host.fileExists = (name) => name === probe || exists(name);
  const program = ts.createProgram([probe], options, host);
  const checker = program.getTypeChecker();
  const file = program.getSourceFile(probe)!;

  const addFrom = (symbol: ts.Symbol, label: string) => {
    for (const decl of symbol.getDeclarations() ?? []) {
      const key = `${decl.getSourceFile().fileName}:${decl.pos}`;
      // A model field's `@example` (openapi-typescript copies the spec's) is a value, not code.
      if (seen.has(key) || /\/generated\/[^/]+\/schema\.d\.ts$/.test(decl.getSourceFile().fileName)) continue;
      seen.add(key);
      for (const tag of ts.getJSDocTags(decl)) {
        if (tag.tagName.text !== 'example') continue;
        const text = typeof tag.comment === 'string' ? tag.comment : ts.getTextOfJSDocComment(tag.comment) ?? '';
        examples.push({ origin: `${relative(project, decl.getSourceFile().fileName)}: ${label}`, code: text.trim() });
      }
    }
  };

  ENTRIES.forEach((entry, i) => {
    const local = file.statements.find((s): s is ts.ImportDeclaration => ts.isImportDeclaration(s) && (s.moduleSpecifier as ts.StringLiteral).text === entry)!;
    const ns = checker.getSymbolAtLocation((local.importClause!.namedBindings as ts.NamespaceImport).name)!;
    const moduleSymbol = checker.getAliasedSymbol(ns);
    for (const exported of checker.getExportsOfModule(moduleSymbol)) {
      const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
      if (symbol.flags & ts.SymbolFlags.Value && !exportsOf.has(exported.name)) exportsOf.set(exported.name, entry);
      addFrom(symbol, exported.name);
      // Members of exported types (a client's methods, a class's methods and properties).
      if (symbol.flags & (ts.SymbolFlags.Type | ts.SymbolFlags.Class)) {
        const type = checker.getDeclaredTypeOfSymbol(symbol);
        for (const member of checker.getPropertiesOfType(type)) addFrom(member, `${exported.name}.${member.name}`);
      }
    }
    void i;
  });
}

/** Names examples assume without declaring them, and what they stand for. */
const FREE_NAMES: Record<string, string> = {
  clientId: 'declare const clientId: string;',
  clientSecret: 'declare const clientSecret: string;',
  accessToken: 'declare const accessToken: string;',
  botId: 'declare const botId: string;',
  integrationId: 'declare const integrationId: string;',
  botSessionId: 'declare const botSessionId: string;',
  departmentUUID: 'declare const departmentUUID: string;',
  userUUID: 'declare const userUUID: string;',
  username: 'declare const username: string;',
  password: 'declare const password: string;',
  organizationId: 'declare const organizationId: string;',
  deploymentId: 'declare const deploymentId: string;',
  textbots: 'declare const textbots: BotApis.TextbotsClient;',
  webchat: 'declare const webchat: BotApis.WebChatClient;',
  bot: 'declare const bot: BotApis.BotMessageClient;',
  guest: 'declare const guest: BotApis.GuestChatClient;',
  chat: 'declare const chat: BotApis.GuestChat;',
  body: 'declare const body: BotApis.PostTextRequest;',
  init: "declare const init: Parameters<BotApis.BotMessageClient['sendBotMessage']>[0];",
  report: 'declare function report(value: unknown): void;',
};

/** One example as a module: its imports first, then the declarations of the free names it uses. */
export function exampleModule(example: Example, exportsOf: Map<string, string>): string {
  const code = example.code;
  const declared = new Set<string>();
  for (const m of code.matchAll(/\b(?:const|let|var|function|class)\s+([A-Za-z_$][\w$]*)/g)) declared.add(m[1]!);
  for (const m of code.matchAll(/\b(?:const|let|var)\s+\{([^}]*)\}/g)) for (const n of m[1]!.split(',')) declared.add(n.split(/[:=]/).pop()!.trim());
  for (const m of code.matchAll(/import\s+(?:type\s+)?\{([^}]*)\}\s+from/g)) for (const n of m[1]!.split(',')) declared.add(n.trim().split(/\s+as\s+/).pop()!.replace(/^type\s+/, ''));
  // Strings, comments and object keys (`body: …`) name nothing the example needs.
  const words = new Set(code.replace(/'[^'\n]*'|`[^`]*`|\/\/.*$/gm, '').replace(/[A-Za-z_$][\w$]*\s*:(?!:)/g, '').match(/[A-Za-z_$][\w$]*/g) ?? []);
  const wanted = (name: string) => words.has(name) && !declared.has(name);
  const imports = new Map<string, string[]>();
  for (const [name, entry] of exportsOf) if (wanted(name) && !FREE_NAMES[name]) imports.set(entry, [...(imports.get(entry) ?? []), name]);
  const own = code.split('\n').filter((l) => /^\s*import\s/.test(l));
  const rest = code.split('\n').filter((l) => !/^\s*import\s/.test(l));
  return [
    `// ${example.origin}`,
    ...own,
    ...[...imports].map(([entry, names]) => `import { ${names.sort().join(', ')} } from '${entry}';`),
    `import type * as BotApis from 'bot-apis';`,
    ...Object.entries(FREE_NAMES).filter(([name]) => wanted(name)).map(([, decl]) => decl),
    ...rest,
    'export {};',
    '',
  ].join('\n');
}
