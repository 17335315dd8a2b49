// Minimal `--name value` parsing for the project's command-line tools.
export function parseArgs(argv: string[], known: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('--')) fail(`unexpected argument "${arg}"`);
    const name = arg.slice(2);
    if (!known.includes(name)) fail(`unknown option --${name} (known: ${known.map((k) => `--${k}`).join(', ')})`);
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
