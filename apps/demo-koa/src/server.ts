import { runServer } from '@acme/app-shell';
import { createApp } from './app.js';
import { loadConfig } from './config.js';

// Serves the app on PORT (3000 when unset, see config.ts): graceful shutdown on SIGTERM and SIGINT.
void runServer(() => loadConfig(), createApp);
