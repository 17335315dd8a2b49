// Minimal `--name value` parsing for the project's command-line tools; names in `flags` take no
// value and are set to 'true' when present.
export function parseArgs(argv: string[], known: string[], flags: string[] = []): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('--')) fail(`unexpected argument "${arg}"`);
    const name = arg.slice(2);
    if (flags.includes(name)) {
      out[name] = 'true';
      continue;
    }
    if (!known.includes(name)) fail(`unknown option --${name} (known: ${[...known, ...flags].map((k) => `--${k}`).join(', ')})`);
    const value = argv[i + 1];
    if (value === undefined || value.startsWith('--')) fail(`--${name} needs a value`);
    out[name] = value;
    i++;
  }
  return out;
}

export function fail(message: string): never {
  console.error(`error: ${message}`);
  process.exit(2);
}
