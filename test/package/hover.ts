/**
 * What an editor shows for a name in a consumer file: the TypeScript language service's hover
 * (`getQuickInfoAtPosition`) and go-to-definition, as VS Code asks for them.
 */
import { dirname, join } from 'node:path';
import ts from 'typescript';

export interface QuickInfo {
  /** The signature line, e.g. `(method) WebChatMethods.getWebchatDeployments(init?: …): Promise<…>`. */
  display: string;
  documentation: string;
  /** JSDoc tags by name (`deprecated`, `example`, `see`…), their text. */
  tags: Record<string, string | undefined>;
  /** File the definition is in, and the text of its line. */
  definition: string;
  definitionLine: string;
}

/** Hover and definition of the last occurrence of `name` in `file` (a module of a project with a tsconfig.json beside it). */
export function quickInfo(file: string, name: string): QuickInfo {
  const configPath = join(dirname(file), 'tsconfig.json');
  const config = ts.getParsedCommandLineOfConfigFile(configPath, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined })!;
  const host: ts.LanguageServiceHost = {
    getCompilationSettings: () => config.options,
    getScriptFileNames: () => [file],
    getScriptVersion: () => '1',
    getScriptSnapshot: (name) => (ts.sys.fileExists(name) ? ts.ScriptSnapshot.fromString(ts.sys.readFile(name)!) : undefined),
    getCurrentDirectory: () => dirname(file),
    getDefaultLibFileName: (options) => ts.getDefaultLibFilePath(options),
    fileExists: ts.sys.fileExists,
    readFile: ts.sys.readFile,
    readDirectory: ts.sys.readDirectory,
    directoryExists: ts.sys.directoryExists,
    getDirectories: ts.sys.getDirectories,
  };
  const service = ts.createLanguageService(host, ts.createDocumentRegistry());
  try {
    const text = ts.sys.readFile(file)!;
    const position = text.lastIndexOf(name) + 1;
    const info = service.getQuickInfoAtPosition(file, position);
    if (!info) throw new Error(`no hover for ${name}`);
    const tags: Record<string, string | undefined> = {};
    for (const tag of info.tags ?? []) tags[tag.name] = ts.displayPartsToString(tag.text);
    const definition = service.getDefinitionAtPosition(file, position)?.[0];
    const defText = definition ? ts.sys.readFile(definition.fileName)! : '';
    const lineStart = definition ? defText.lastIndexOf('\n', definition.textSpan.start) + 1 : 0;
    const lineEnd = definition ? defText.indexOf('\n', definition.textSpan.start) : 0;
    return {
      display: ts.displayPartsToString(info.displayParts),
      documentation: ts.displayPartsToString(info.documentation),
      tags,
      definition: definition?.fileName ?? '',
      definitionLine: definition ? defText.slice(lineStart, lineEnd).trim() : '',
    };
  } finally {
    service.dispose();
  }
}
