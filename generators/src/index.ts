/** Public helpers of the generators package. */
export { GeneratorError } from './errors.js';
export { applyPlan, checkPlan, describePlan, GENERATED_MARKER, type Plan, type PlannedFile } from './plan.js';
export { planRoute, REGISTRY_CALL, type RouteAnswers } from './route/plan-route.js';
export { parseRole, parseRoutePath, RESERVED_PATHS, type RoutePath } from './route/validate.js';
export { planApp, type AppAnswers } from './app/plan-app.js';
export { parseAppName, parsePort, RESERVED_APP_NAMES } from './app/validate.js';
export { planAuth, type AuthAnswers } from './auth/plan-auth.js';
export { GENERATORS, type Generator } from './generators.js';
export type { Question } from './questions.js';
export { plopPrompts } from './prompts.js';
export { runGenerator } from './run-generator.js';
export { accountsState } from './app-state.js';
export { findWorkspaceRoot } from './workspace.js';
export { appDefaultPort, findWorkspaceApp, freeDefaultPort, listWorkspaceApps, workspaceScope, type WorkspaceApp } from './workspace.js';
export { planInit, type InitAnswers, type InitPlan } from './init/plan-init.js';
export { parseName, parseScope, parseTitle } from './init/validate.js';
export { rewriteText, rewritePath, type Renames } from './init/rewrite.js';
