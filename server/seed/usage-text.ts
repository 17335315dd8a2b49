// What usage events say: devices per platform, cities with their ISP address blocks, shows,
// perks and member discounts. Fixed lists, so the text costs nothing per event.

export type Platform = 'app_ios' | 'app_android' | 'web';

export const DEVICES: Record<Platform, readonly string[]> = {
  app_ios: ['iPhone 15', 'iPhone 15 Pro', 'iPhone 14', 'iPhone 13', 'iPhone 16 Pro Max', 'iPad Air', 'iPad mini'],
  app_android: [
    'HUAWEI Mate 60 Pro',
    'HUAWEI P60',
    'Xiaomi 14',
    'Redmi K70',
    'OPPO Find X7',
    'vivo X100',
    '荣耀 Magic6',
    '一加 12',
    'Android TV',
  ],
  web: ['Windows · Chrome', 'Windows · Edge', 'macOS · Safari', 'macOS · Chrome', 'Linux · Firefox'],
};

/** City and the first two octets of addresses its carriers hand out. */
export const CITIES: readonly (readonly [string, string])[] = [
  ['上海', '116.228'],
  ['上海', '101.80'],
  ['北京', '123.112'],
  ['北京', '114.242'],
  ['广州', '113.108'],
  ['深圳', '119.123'],
  ['杭州', '115.196'],
  ['成都', '171.221'],
  ['武汉', '59.172'],
  ['南京', '180.110'],
  ['西安', '113.140'],
  ['重庆', '106.91'],
  ['长沙', '175.0'],
  ['天津', '117.14'],
  ['苏州', '58.211'],
  ['郑州', '171.8'],
  ['沈阳', '175.167'],
  ['青岛', '27.223'],
  ['厦门', '110.87'],
  ['合肥', '36.57'],
];

export const SHOWS: readonly (readonly [string, string, number])[] = [
  // title, episode word, episodes
  ['间谍过家家', '话', 37],
  ['葬送的芙莉莲', '话', 28],
  ['咒术回战', '话', 47],
  ['鬼灭之刃', '话', 63],
  ['进击的巨人', '话', 89],
  ['孤独摇滚！', '话', 12],
  ['药屋少女的呢喃', '话', 24],
  ['我推的孩子', '话', 24],
  ['排球少年！！', '话', 85],
  ['海贼王', '话', 1100],
  ['名侦探柯南', '集', 1120],
  ['凡人修仙传', '集', 120],
  ['斗罗大陆', '集', 263],
  ['时光代理人', '集', 23],
  ['三体', '集', 30],
  ['灵笼', '集', 28],
  ['中国奇谭', '集', 8],
  ['繁花', '集', 30],
  ['狂飙', '集', 39],
  ['漫长的季节', '集', 12],
  ['庆余年 第二季', '集', 36],
  ['甄嬛传', '集', 76],
  ['武林外传', '集', 80],
  ['请回答1988', '集', 20],
  ['人生一串', '集', 6],
  ['舌尖上的中国', '集', 7],
  ['河西走廊', '集', 10],
  ['罗小黑战记', '集', 26],
  ['工作细胞', '话', 13],
  ['紫罗兰永恒花园', '话', 13],
];

export const PERKS: readonly (readonly [string, number])[] = [
  ['头像挂件', 600],
  ['专属表情包', 300],
  ['动态装扮', 1200],
  ['评论背景', 800],
  ['粉丝勋章', 500],
  ['观影券', 1000],
  ['专属主题皮肤', 1500],
  ['个性签名卡', 200],
];

export const DISCOUNTS: readonly (readonly [string, number, number])[] = [
  // what, smallest and largest saving in fen
  ['购买漫画', 50, 600],
  ['付费课程', 500, 3000],
  ['周边商城', 200, 2500],
  ['演唱会直播票', 300, 1800],
  ['数字专辑', 100, 500],
];
