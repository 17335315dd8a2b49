import { approvals } from './messages/approvals';
import { audit } from './messages/audit';
import { caseDetail } from './messages/case-detail';
import { cases } from './messages/cases';
import { comms } from './messages/comms';
import { dashboard } from './messages/dashboard';
import { integration } from './messages/integration';
import { orderDetail } from './messages/order-detail';
import { orderVocab } from './messages/order-vocab';
import { orders } from './messages/orders';
import { settings } from './messages/settings';
import { uploads } from './messages/uploads';

// Every screen's strings, one file each under messages/. Loaded as one lazy chunk with the
// first screen (see load-screen-messages.ts), so the first download holds only the shell's.
export const screenAreas = {
  orders,
  orderVocab,
  orderDetail,
  cases,
  caseDetail,
  approvals,
  comms,
  audit,
  dashboard,
  integration,
  settings,
  uploads,
};

export type ScreenAreas = typeof screenAreas;
