// An order number as the platform prints it: KM + 15 digits (e.g. KM202611230000123).
export const ORDER_NO_RE = /^KM\d{15}$/;

export function isOrderNumber(text: string): boolean {
  return ORDER_NO_RE.test(text);
}
