import { compact, matching, oneOf, text } from '../../lib/url-search';

// The communications search lives in the URL: a search can be bookmarked, shared and reloaded,
// and the back button steps through searches. Values that do not parse are dropped rather than
// failing the page. Pages are not in the URL: "load more" appends to what is on screen.

export const COMM_CHANNELS = ['phone', 'online_chat', 'email', 'sms', 'in_app_message'] as const;
export const COMM_DIRECTIONS = ['inbound', 'outbound', 'note'] as const;

export type CommChannel = (typeof COMM_CHANNELS)[number];
export type CommDirection = (typeof COMM_DIRECTIONS)[number];

export interface CommsSearchParams {
  q?: string;
  channel?: CommChannel;
  direction?: CommDirection;
  /** between these local dates (YYYY-MM-DD, Beijing time), both included */
  from?: string;
  to?: string;
  /** the username of who recorded or sent it */
  author?: string;
  /** a case number */
  case?: string;
  /** a member uid */
  member?: string;
}

/** Everything but the text query: what "clear filters" clears. */
export const COMMS_FILTER_KEYS = ['channel', 'direction', 'from', 'to', 'author', 'case', 'member'] as const;

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
const USERNAME_RE = /^[A-Za-z0-9_.-]{1,64}$/;
const CASE_RE = /^[A-Za-z0-9-]{1,40}$/;
const UID_RE = /^[A-Za-z0-9_-]{1,40}$/;

export function validateCommsSearch(raw: Record<string, unknown>): CommsSearchParams {
  const params: CommsSearchParams = {
    q: text(raw.q, 200),
    channel: oneOf(COMM_CHANNELS, raw.channel),
    direction: oneOf(COMM_DIRECTIONS, raw.direction),
    from: matching(raw.from, DATE_RE, 100),
    to: matching(raw.to, DATE_RE, 100),
    author: matching(raw.author, USERNAME_RE, 100),
    case: matching(raw.case, CASE_RE, 100),
    member: matching(raw.member, UID_RE, 100),
  };
  return compact(params);
}

// Beijing has no daylight saving: a local day is [00:00, 24:00) at +08:00.
const dayStart = (date: string) => `${date}T00:00:00.000+08:00`;
const dayEnd = (date: string) => `${date}T23:59:59.999+08:00`;

export const COMMS_PAGE_SIZE = 30;

/** The URL's search as the comms.list input (without the cursor, which "load more" adds). */
export function toCommsInput(params: CommsSearchParams) {
  const reversed = params.from && params.to && params.from > params.to;
  const input = {
    q: params.q,
    channel: params.channel,
    direction: params.direction,
    from: params.from && !reversed ? dayStart(params.from) : undefined,
    to: params.to && !reversed ? dayEnd(params.to) : undefined,
    author: params.author,
    caseNo: params.case,
    memberUid: params.member,
    limit: COMMS_PAGE_SIZE,
  };
  return compact(input);
}
