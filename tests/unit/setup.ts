// Installs a global indexedDB before Dexie loads, so storage modules run under Node.
import 'fake-indexeddb/auto';
