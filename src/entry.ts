/**
 * The page's entry point. The address is read and rewritten to its canonical form first
 * (see platform/addressGuard.ts), and only then is the app loaded, through a dynamic import.
 *
 * Why the dynamic import: TensorFlow.js reads `location.search` while its module is being
 * evaluated. A static `import` order is not enough: the bundler hoists shared chunks (the
 * one holding tfjs-core is shared with the benchmark page) above any code of the entry
 * chunk, so tfjs would read the address before the guard ran. Behind a dynamic import,
 * nothing of the app can run before this module has finished.
 */
import './platform/addressGuard';

void import('./main');
