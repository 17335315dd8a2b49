import { config } from 'zod/v4/core';

// The server's CSP allows no eval. Zod 4 probes for it once (`Function('')`) to decide whether
// to compile fast parsers; the probe is caught, but the browser still reports a CSP violation.
// Telling Zod up front to run without compiling avoids the probe. Imported first by main.tsx,
// before any screen parses with a schema from shared/.
config({ jitless: true });
