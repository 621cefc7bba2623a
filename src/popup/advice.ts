/**
 * What a person should do when a page looks like a lure, for each kind of fraud, and where to get
 * help: the anti-fraud hotline of the place the person most likely is (from the browser's
 * locale), each with the public source that names it. Written in our own words.
 */
import type { Category, Localized } from '../engine/types';

export const ADVICE: Partial<Record<Category, Localized[]>> = {
  'job-abroad': [
    { en: 'Do not send your passport, ID card or photos of them to a recruiter or "HR".', zh: '不要把护照、身份证或其照片发给招聘方或"人事"。' },
    { en: 'Do not pay any fee up front (visa, training, deposit, ticket): real employers do not charge you to hire you.', zh: '不要预先支付任何费用（签证费、培训费、押金、机票）：正规雇主不会向你收钱才录用你。' },
    { en: 'Check the employer through official channels (the company’s own website and phone, your labour ministry or embassy) before you travel.', zh: '出行前通过官方渠道核实雇主（公司官网和电话、人社部门或使领馆）。' },
    { en: 'Tell your family where you are going and with whom; agree on a check-in time.', zh: '告诉家人你要去哪里、和谁一起，并约好报平安的时间。' },
  ],
  investment: [
    { en: 'Do not deposit or transfer money to a platform, "teacher" or group you met online.', zh: '不要向网上认识的平台、"老师"或群转账充值。' },
    { en: 'No one can guarantee returns; "sure profit" and "inside tips" are the bait.', zh: '没有人能保证收益；"稳赚"和"内幕消息"就是诱饵。' },
    { en: 'Check that the platform is licensed with your financial regulator before putting in anything.', zh: '投入任何资金前，先到金融监管部门核实平台是否持牌。' },
    { en: 'If you cannot withdraw without paying a "tax" or "fee" first, stop paying: it is a scam.', zh: '如果提现前要求先交"税"或"手续费"，立即停止付款：这就是骗局。' },
  ],
  loan: [
    { en: 'Do not pay any fee before a loan is paid out.', zh: '贷款到账前不要支付任何费用。' },
    { en: 'Do not give an app access to your contacts or photos.', zh: '不要允许贷款应用读取你的通讯录或相册。' },
    { en: 'Borrow only from licensed banks and lenders.', zh: '只向持牌银行和正规机构借款。' },
  ],
  gambling: [
    { en: 'Do not deposit to unlock "winnings" or meet a turnover requirement.', zh: '不要为了"解锁奖金"或凑流水而充值。' },
    { en: 'Online gambling sites that promise sure wins or instant payouts are how these networks take money.', zh: '承诺稳赢或秒到账的网络赌博网站，正是这些团伙骗钱的方式。' },
  ],
  ransom: [
    { en: 'Call the police now, whatever the caller says about not doing so.', zh: '无论对方怎么威胁不许报警，都要立即报警。' },
    { en: 'Try to reach the person said to be held through other family and friends.', zh: '通过其他家人和朋友设法联系据称被扣押的人。' },
    { en: 'Keep every message, account number and call record for the police.', zh: '保留所有消息、账号和通话记录，交给警方。' },
  ],
  'telecom-fraud': [
    { en: 'Hang up, and call the organisation back on a number you find yourself.', zh: '先挂断，再用你自己查到的号码回拨核实。' },
    { en: 'Never share a verification code, PIN or password, and never move money to a "safe account".', zh: '不要透露验证码、密码，也不要把钱转入所谓"安全账户"。' },
    { en: 'Do not install apps or share your screen at a stranger’s request.', zh: '不要按陌生人的要求安装应用或共享屏幕。' },
  ],
};

/** Advice for any lure, whatever its kind. */
export const GENERAL_ADVICE: Localized[] = [
  { en: 'Do not send money, codes or ID documents to anyone you met through this page or chat.', zh: '不要向通过此页面或聊天认识的人发送钱款、验证码或证件。' },
  { en: 'Talk it over with family or a friend before you decide anything.', zh: '做任何决定前，先和家人或朋友商量。' },
];

export interface HelpLine {
  region: 'CN' | 'TW' | 'HK' | 'SG' | 'MY';
  place: Localized;
  numbers: string;
  what: Localized;
  source: { title: string; publisher: string; url: string; date: string };
}

export const HELP_LINES: HelpLine[] = [
  {
    region: 'CN',
    place: { en: 'Mainland China', zh: '中国大陆' },
    numbers: '110 · 96110',
    what: { en: 'Police: 110. 96110 is the national anti-fraud warning line; answer it if it calls you, or call it to ask about a suspected scam.', zh: '报警请拨110。96110是全国反诈预警劝阻专线：接到来电务必接听，也可拨打咨询疑似诈骗。' },
    source: { title: 'Shanghai police anti-fraud alert number changed to 96110', publisher: 'Shanghai Daily (shine.cn)', url: 'https://www.shine.cn/news/metro/2011018839/', date: '2020-11-01' },
  },
  {
    region: 'TW',
    place: { en: 'Taiwan', zh: '台湾' },
    numbers: '165',
    what: { en: 'The police anti-fraud hotline: call it to check a suspected scam or to report one.', zh: '警方反诈骗专线：可拨打查询或举报疑似诈骗。' },
    source: { title: 'Upgrade the 165 anti-fraud hotline', publisher: 'Taipei Times', url: 'https://taipeitimes.com/News/editorials/archives/2023/04/20/2003798261', date: '2023-04-20' },
  },
  {
    region: 'HK',
    place: { en: 'Hong Kong', zh: '香港' },
    numbers: '18222',
    what: { en: 'The police Anti-Scam Helpline: call it when in doubt; in an emergency call 999.', zh: '警方"防骗易"热线，如有怀疑请致电；紧急情况拨打999。' },
    source: { title: 'Telephone Deception (Impersonating officials of consulates in Hong Kong)', publisher: 'Anti-Deception Coordination Centre, Hong Kong Police Force', url: 'https://www.adcc.gov.hk/en-hk/alerts-detail/alerts-1444920527360688129.html', date: '2021' },
  },
  {
    region: 'SG',
    place: { en: 'Singapore', zh: '新加坡' },
    numbers: '1799',
    what: { en: 'The ScamShield Helpline, day and night: check whether something is a scam, or get help if you have paid.', zh: 'ScamShield 全天候热线：查询是否诈骗，或在已付款时求助。' },
    source: { title: 'ScamShield Helpline 1799', publisher: 'ScamShield (Government of Singapore)', url: 'https://scamshield.gov.sg/scamshield-helpline', date: '2024' },
  },
  {
    region: 'MY',
    place: { en: 'Malaysia', zh: '马来西亚' },
    numbers: '997',
    what: { en: 'The National Scam Response Centre: call at once after a transfer to a scammer so the money can be stopped.', zh: '国家反诈骗中心：向骗子转账后立即致电，以便拦截资金。' },
    source: { title: 'NSRC urges Malaysians to immediately call 997 hotline if scammed', publisher: 'The Sun (Malaysia)', url: 'https://www.thesundaily.my/local/nsrc-urges-malaysians-to-immediately-call-997-hotline-if-scammed-IB10223209', date: '2022-11-16' },
  },
];

/** The region a browser locale points to (zh-TW → TW, en-SG → SG, ms → MY, zh → CN), or null. */
export function regionOf(locale: string): HelpLine['region'] | null {
  const parts = locale.replace('_', '-').split('-').map((part) => part.toUpperCase());
  const [language] = parts;
  for (const part of parts.slice(1)) {
    if (part === 'TW' || part === 'HK' || part === 'SG' || part === 'MY' || part === 'CN') return part;
  }
  if (language === 'MS') return 'MY';
  if (language === 'ZH') return parts.includes('HANT') ? 'TW' : 'CN';
  return null;
}

/** The help lines in the order to show them: the locale's region first, then the others. */
export function helpLinesFor(locale: string): { local: HelpLine[]; others: HelpLine[] } {
  const region = regionOf(locale);
  return { local: HELP_LINES.filter((line) => line.region === region), others: HELP_LINES.filter((line) => line.region !== region) };
}
