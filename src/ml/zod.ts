/**
 * zod, configured once for every context the core runs in (page, Web Worker, Node tests).
 *
 * zod 4 compiles fast object parsers with `new Function`, probing for it first; under the
 * app's Content-Security-Policy (no 'unsafe-eval') that probe is a reported violation even
 * though zod falls back. jitless parsing is plenty fast for our small manifests and specs.
 * Import `z` from here, not from 'zod'.
 */
import { z } from 'zod';

z.config({ jitless: true });

export { z };
