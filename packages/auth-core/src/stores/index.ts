/** The session store that needs no driver. SQLite and Redis are subpaths (`./stores/sqlite`, `./stores/redis`), so their drivers load only when asked for. */
export { MemoryStore, type MemoryStoreOptions } from './memory.js';
