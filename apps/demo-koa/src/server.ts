import { runServer } from '@acme/app-shell';
import { createApp } from './app.js';
import { loadConfig } from './config.js';

// Serves the demo on PORT: one log line with the URL, graceful shutdown on SIGTERM and SIGINT.
void runServer(() => loadConfig(), createApp);
