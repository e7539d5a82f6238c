import { runServer, withEnvFiles } from '@acme/app-shell';
import { createApp } from './app.js';
import { APP_ROOT, loadConfig } from './config.js';

// Serves the app on PORT (3000 when unset, see config.ts), with .env and .env.local under
// the real environment (development only): graceful shutdown on SIGTERM and SIGINT.
void runServer(() => loadConfig(withEnvFiles(APP_ROOT)), createApp);
