// The server's CSP allows no eval. Zod 4 probes for it once (`Function('')`) to decide whether
// to compile fast parsers; the probe is caught, but the browser still reports a CSP violation.
// Zod reads its global configuration from `globalThis.__zod_globalConfig` when it first loads,
// so setting it here — imported first by main.tsx — turns the probe off without pulling Zod
// itself into the first download (only the screens that parse with a schema load it).
const zodGlobal = globalThis as { __zod_globalConfig?: { jitless?: boolean } };
zodGlobal.__zod_globalConfig = { ...zodGlobal.__zod_globalConfig, jitless: true };

export {};
