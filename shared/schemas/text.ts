import { z } from 'zod';
import { isLocalDate } from '../time/local-date';

// The zod helpers every free-text and date input is built from, so a rule holds in all of them.

/**
 * Bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069): inside a statement or
 * a label they make "…gnp.exe" display as "…exe.png". Free text never keeps them.
 */
export const BIDI_CONTROLS = /[\u202a-\u202e\u2066-\u2069]/g;

export function stripBidiControls(text: string): string {
  return text.replace(BIDI_CONTROLS, '');
}

/** Free text a person wrote (statements, notes, reasons, bodies, labels): bidi controls removed, trimmed. */
export const freeText = (max: number) => z.string().overwrite(stripBidiControls).trim().max(max);

// C0 controls and DEL: no search box needs them, and the full-text index cannot parse a NUL.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u001f\u007f]/;

/** What a search box sends: like free text, and refused (400) when it holds control characters. */
export const searchText = (max: number) =>
  freeText(max).refine((v) => !CONTROL.test(v), 'A search may not contain control characters (such as NUL): type the text itself');

/** A real calendar date `YYYY-MM-DD` (2026-02-30 is refused, not rolled over). */
export const localDateSchema = z.string().refine(isLocalDate, 'Expected a real date YYYY-MM-DD');
