// Message templates (话术) hold {{variables}} filled from the case; the same function renders
// the preview in the browser and the message the server sends.
export function renderTemplate(body: string, vars: Record<string, string | number | null | undefined>): string {
  return body.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, name: string) => {
    const value = vars[name];
    return value === undefined || value === null ? whole : String(value);
  });
}

export function templateVariables(body: string): string[] {
  return [...new Set([...body.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).filter((name) => name !== undefined))];
}

/** Template variables that carry money: a template using one promises an amount to the member. */
export const AMOUNT_VARIABLES: readonly string[] = ['amount'];

/** Whether a template promises an amount: it uses an amount variable or names one in its text. */
export function templateUsesAmount(body: string): boolean {
  return templateVariables(body).some((v) => AMOUNT_VARIABLES.includes(v)) || namesAnAmount(body);
}

/**
 * Whether free text names a sum of money (¥25, ￥ 8.50, 25元, 25.5 元, RMB 25, 25 RMB): the console
 * warns before such a reply goes out on a case with no approved refund (docs/spec.md §4.7).
 */
export function namesAnAmount(text: string): boolean {
  return /[¥￥]\s*\d|\d+(?:[.,]\d+)?\s*(?:元|块钱|RMB|CNY)|(?:RMB|CNY)\s*\d/i.test(text);
}
