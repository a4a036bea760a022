/**
 * The baseline page's entry point, like the app's (src/entry.ts): the address is read by the
 * strict guard first, and TensorFlow.js (which reads `location.search` as its module loads)
 * only behind a dynamic import, so no address can set its flags here either.
 */
import '../platform/addressGuard';

void import('./baselinePage');
