/** Types of import-rules.mjs, for the TypeScript tests that use it. */
export declare const IMPORT_RULES: readonly { part: string; role: string; mayImport: readonly string[] }[];
export declare function workspacePackages(root: string): { folder: string; part: string; name: string; entries: string[] }[];
export declare function importProblem(root: string, file: string, specifier: string, packages: ReturnType<typeof workspacePackages>): string | undefined;
export declare function importViolations(root: string): string[];
export declare const SHARED_FOLDERS: readonly string[];
