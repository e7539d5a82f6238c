/** Public helpers of the generators package. */
export { listWorkspaceApps, type WorkspaceApp } from './workspace.js';
