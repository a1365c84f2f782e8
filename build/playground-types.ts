// Declaration files for the editor: what `import … from "playground/<name>"` means, so learners
// get completion and type errors. Emitted with the TypeScript compiler from the same sources the
// sandbox runs (workers/sandbox/modules.ts), plus the library declarations those reach (chai's).
// Paths are laid out as a node_modules tree so Monaco's module resolution finds them.
import { relative, resolve } from "node:path";
import ts from "typescript";

export function playgroundTypes(root: string, modules: Record<string, string>): Record<string, string> {
  const entries = Object.values(modules).map((file) => resolve(root, file));
  const options: ts.CompilerOptions = {
    declaration: true,
    emitDeclarationOnly: true,
    strict: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    skipLibCheck: true,
    allowImportingTsExtensions: true,
    types: [],
  };
  const program = ts.createProgram(entries, options);
  const files: Record<string, string> = {};
  const ours = (path: string) => `file:///node_modules/playground/__src/${relative(root, path).replaceAll("\\", "/")}`;

  // Sources import siblings as "./x.ts"; the declarations sit beside each other as x.d.ts.
  const dropTsExtension = (text: string) => text.replace(/(["'])(\.{1,2}\/[^"']+)\.ts\1/g, "$1$2$1");
  const result = program.emit(undefined, (fileName, text) => {
    files[ours(fileName)] = dropTsExtension(text);
  });
  const errors = ts.getPreEmitDiagnostics(program).concat(result.diagnostics).filter((d) => d.category === ts.DiagnosticCategory.Error);
  if (errors.length > 0) throw new Error(ts.formatDiagnostics(errors, { getCanonicalFileName: (f) => f, getCurrentDirectory: () => root, getNewLine: () => "\n" }));

  for (const source of program.getSourceFiles()) {
    const path = source.fileName;
    if (program.isSourceFileDefaultLibrary(source)) continue;
    const at = path.lastIndexOf("/node_modules/");
    if (at >= 0) files[`file://${path.slice(at)}`] = source.text;
  }

  for (const [name, file] of Object.entries(modules)) {
    const target = `./__src/${file.replace(/\.tsx?$/, "")}`;
    const emitted = files[ours(resolve(root, file).replace(/\.tsx?$/, ".d.ts"))] ?? "";
    const hasDefault = /export default|export \{[^}]*\bdefault\b/.test(emitted);
    files[`file:///node_modules/${name}.d.ts`] = `export * from "${target}";\n${hasDefault ? `export { default } from "${target}";\n` : ""}`;
  }
  return files;
}
