import { testAppConfig } from '@acme/app-shell/testing';
import { createApp } from '../src/app.js';
import { loadConfig, type AppConfig } from '../src/config.js';

export {
  client,
  logIn,
  register,
  signUp,
  TEST_ORIGIN as ORIGIN,
  TEST_PASSWORD as PASSWORD,
  tokenFrom,
  tokenIn,
} from '@acme/app-shell/testing';

/** The app on in-memory SQLite, with a fake clock and fast, explicitly test-only hashing. */
export async function testApp(overrides: Partial<AppConfig> = {}) {
  const { config, clock, records } = testAppConfig(loadConfig({}), overrides);
  return { ...(await createApp(config)), clock, config, records };
}
