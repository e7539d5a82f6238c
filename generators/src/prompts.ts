import nodePlop from 'node-plop';
import { listWorkspaceApps } from './workspace.js';

/**
 * Asks for missing answers with plop's prompts (inquirer), listing the workspace's apps. Only
 * used in a terminal; with flags, or without a TTY, generators never prompt.
 */
export async function promptRoute(root: string, known: Record<string, unknown>): Promise<Record<string, unknown>> {
  const plop = await nodePlop();
  const apps = (await listWorkspaceApps(root)).map((a) => a.name);
  plop.setGenerator('route', {
    description: 'a protected route with its view and test',
    prompts: [
      { type: 'list', name: 'app', message: 'Which app?', choices: apps, when: () => known.app === undefined },
      { type: 'input', name: 'path', message: 'Route path (e.g. /reports):', when: () => known.path === undefined },
      { type: 'input', name: 'name', message: 'Page title (optional):', when: () => known.name === undefined },
    ],
    actions: [],
  });
  const answers = (await plop.getGenerator('route').runPrompts()) as Record<string, unknown>;
  return { ...answers, ...Object.fromEntries(Object.entries(known).filter(([, v]) => v !== undefined)) };
}
