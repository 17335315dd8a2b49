// Member nicknames as they look on a Chinese video platform: real names (2–3 characters),
// Chinese screen names, and some latin handles.
import { chance, digits, int, pick, weighted, type Rng } from './prng';

// Common surnames, most common first (weights fall off with rank).
const SURNAMES = [
  ...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤',
];
const pickSurname = weighted(SURNAMES.map((s, i) => [s, 1 / (i + 8)] as const));

const GIVEN_ONE = [...'伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红鹏建辉晨宇浩然婷雪琳倩颖璐瑶欣怡涵睿博轩凯鑫斌亮波飞峰'];
const GIVEN_TWO = [
  '子涵',
  '欣怡',
  '梓轩',
  '一诺',
  '雨萱',
  '思远',
  '俊杰',
  '佳琪',
  '嘉怡',
  '浩宇',
  '诗涵',
  '子墨',
  '宇航',
  '若汐',
  '雨桐',
  '晓明',
  '志强',
  '秀英',
  '建华',
  '丽娟',
  '文博',
  '海洋',
  '晨曦',
  '梦琪',
  '天佑',
  '明轩',
  '可馨',
  '梓萱',
  '俊熙',
  '思彤',
  '雅静',
  '国栋',
  '春梅',
  '雪梅',
  '振宇',
  '家豪',
  '晓燕',
  '玉洁',
  '泽宇',
  '书瑶',
];

const SCREEN_NAMES = [
  '追番少女',
  '小鱼干',
  '夜猫子',
  '奶茶续命',
  '摸鱼达人',
  '星河入梦',
  '柠檬不酸',
  '晚风',
  '今天也要加油',
  '吃土少年',
  '二次元住民',
  '弹幕护体',
  '鸽子精',
  '咸鱼翻身',
  '芒果布丁',
  '熬夜冠军',
  '躺平青年',
  '不吃香菜',
  '月亮不睡我不睡',
  '橘子汽水',
  '打工人',
  '快乐肥宅',
  '一只小熊猫',
  '山河远阔',
  '南风知我意',
  '糯米团子',
  '社恐星人',
  '奶油泡芙',
  '番茄炒蛋',
  '加班狗',
  '追剧到天亮',
  '白开水',
  '小确幸',
  '干饭人',
  '起风了',
  '云朵棉花糖',
  '猫猫教主',
  '宅家选手',
  '逆光',
  '清风徐来',
];
const SCREEN_PREFIX = ['小', '阿', '大', '老', '萌萌', '超级', '快乐的', '爱吃'];
const SCREEN_ROOT = ['鱼', '猫', '狐狸', '兔子', '团子', '饼干', '布丁', '星星', '橙子', '桃子', '饺子', '芝士', '咖啡', '奶糖'];
const SCREEN_SUFFIX = ['酱', '君', '同学', '大王', '本喵', '不想上班', '爱追番', '的日常', ''];

const LATIN_ROOTS = [
  'kiki',
  'momo',
  'lucas',
  'xiaoyu',
  'bili_fan',
  'zzz_sleepy',
  'tony',
  'coco',
  'yuki',
  'nana',
  'leo',
  'mia',
  'ace',
  'panda',
  'sunny',
  'Lemon',
  'Echo',
  'Vincent',
  'Iris',
  'Kevin',
];

function realName(r: Rng): string {
  return (
    pickSurname(r) + (chance(r, 0.45) ? pick(r, GIVEN_ONE) : chance(r, 0.5) ? pick(r, GIVEN_TWO) : pick(r, GIVEN_ONE) + pick(r, GIVEN_ONE))
  );
}

function screenName(r: Rng): string {
  if (chance(r, 0.5)) return pick(r, SCREEN_NAMES) + (chance(r, 0.2) ? String(int(r, 1, 999)) : '');
  return pick(r, SCREEN_PREFIX) + pick(r, SCREEN_ROOT) + pick(r, SCREEN_SUFFIX);
}

function latinHandle(r: Rng): string {
  const root = pick(r, LATIN_ROOTS);
  const tail = pick(r, [`_${int(r, 2015, 2026)}`, String(int(r, 1, 99)), `_${pick(r, ['w', 'z', 'l', 'c'])}`, '']);
  return root + tail;
}

export function nickname(r: Rng): string {
  const x = r();
  if (x < 0.55) return realName(r);
  if (x < 0.85) return screenName(r);
  return latinHandle(r);
}

/** Every distinct 1- and 2-character substring (by code point), lowercased: the short-query index. */
export function nameGrams(name: string): string[] {
  const chars = Array.from(name.toLowerCase());
  const grams = new Set<string>(chars);
  for (let i = 0; i + 1 < chars.length; i++) grams.add(chars[i]! + chars[i + 1]!);
  return [...grams];
}

/** A QQ number, a latin handle or a pinyin-ish name, at a common mail provider. */
export function email(r: Rng): string {
  const domain = pick(r, ['qq.com', 'qq.com', '163.com', '126.com', 'gmail.com', 'outlook.com', 'foxmail.com', 'sina.com']);
  const local = domain === 'qq.com' ? digits(r, int(r, 6, 10), false) : `${pick(r, LATIN_ROOTS).toLowerCase()}${digits(r, int(r, 0, 4))}`;
  return `${local}@${domain}`;
}

const PHONE_PREFIXES = [
  '130',
  '131',
  '132',
  '133',
  '135',
  '136',
  '137',
  '138',
  '139',
  '147',
  '150',
  '151',
  '152',
  '155',
  '156',
  '157',
  '158',
  '159',
  '166',
  '170',
  '173',
  '176',
  '177',
  '178',
  '180',
  '181',
  '182',
  '183',
  '185',
  '186',
  '187',
  '188',
  '189',
  '191',
  '195',
  '198',
  '199',
];

export function phone(r: Rng): string {
  return pick(r, PHONE_PREFIXES) + digits(r, 8);
}
