import { approvals } from './messages/approvals';
import { audit } from './messages/audit';
import { auth } from './messages/auth';
import { caseDetail } from './messages/case-detail';
import { cases } from './messages/cases';
import { common } from './messages/common';
import { comms } from './messages/comms';
import { dashboard } from './messages/dashboard';
import { errors } from './messages/errors';
import { nav } from './messages/nav';
import { orderDetail } from './messages/order-detail';
import { orderVocab } from './messages/order-vocab';
import { orders } from './messages/orders';
import { settings } from './messages/settings';
import { shell } from './messages/shell';

// Every area's strings, one file each under messages/. A new screen adds its file here.
const areas = { common, nav, auth, shell, errors, orders, orderVocab, orderDetail, cases, caseDetail, approvals, comms, audit, dashboard, settings };

type Area = keyof typeof areas;
type Translation<L extends 'zh-CN' | 'en'> = { [A in Area]: (typeof areas)[A][L] };

function pick<L extends 'zh-CN' | 'en'>(lang: L): Translation<L> {
  return Object.fromEntries(Object.entries(areas).map(([k, v]) => [k, v[lang]])) as Translation<L>;
}

export const resources = {
  'zh-CN': { translation: pick('zh-CN') },
  en: { translation: pick('en') },
};

export type TranslationResource = Translation<'zh-CN'>;
