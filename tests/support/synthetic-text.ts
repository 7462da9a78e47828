/**
 * Chinese bulletin prose for synthetic archives: headlines, sources, editor's notes and
 * paragraphs composed from the vocabulary of the demo archive (content/), with enough proper
 * nouns (companies, people, places, documents) that the number of distinct words grows with the
 * archive the way a real one does — which is what search indexing cost depends on.
 * See docs/performance.md.
 */
import { fnv1a } from "../../src/util/hash.ts";

/** A small seeded generator (mulberry32): the same seed gives the same archive on every machine. */
export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }
}

/** A seed for one named thing (FNV-1a of the name), so each issue is generated independently. */
export function seedOf(...parts: (string | number)[]): number {
  return fnv1a(new TextEncoder().encode(parts.join("/")));
}

const PROVINCES = ["浙江", "江苏", "广东", "贵州", "四川", "山东", "福建", "安徽", "湖北", "湖南", "河南", "河北", "重庆", "上海", "北京", "天津", "陕西", "江西", "云南", "广西"];
// prettier-ignore
const CITIES = [
  "杭州", "宁波", "温州", "嘉兴", "湖州", "绍兴", "金华", "衢州", "舟山", "台州", "丽水", "贵阳", "遵义", "六盘水", "安顺", "毕节", "铜仁",
  "南京", "苏州", "无锡", "常州", "南通", "深圳", "广州", "东莞", "佛山", "成都", "绵阳", "青岛", "济南", "厦门", "福州", "合肥", "芜湖",
  "武汉", "襄阳", "长沙", "株洲", "郑州", "洛阳", "西安", "南昌", "昆明", "南宁", "柳州", "石家庄", "雄安", "天津滨海", "上海临港", "北京亦庄",
];
const DISTRICTS = [
  "滨江",
  "余杭",
  "西湖",
  "萧山",
  "北仑",
  "鄞州",
  "柯桥",
  "越城",
  "秀洲",
  "南湖",
  "瓯海",
  "椒江",
  "婺城",
  "义乌",
  "观山湖",
  "花溪",
  "白云",
  "南明",
  "双流",
  "高新",
  "经开",
  "临空",
  "未来科技城",
  "软件园",
  "大数据谷",
];
const BRAND = "远岫长风北仑方寸青鸟太湖云启木棉镜湖纺联砚池义通秀洲光谷云梯瓯江椒江智造澜图星汉数澜海创蓝鲸明睿恒信天枢玄武鸿鹄翰林卓越博雅华策安恒中控创意森林溪谷星河启明灵犀聚英泰和锦程瑞丰".match(
  /../g,
)!;
const BUSINESS = [
  "智能科技",
  "数据服务",
  "信息技术",
  "网络科技",
  "软件",
  "数字科技",
  "算法科技",
  "低空数字科技",
  "智能体科技",
  "医疗数据科技",
  "智慧物流科技",
  "安全技术",
  "开发者服务",
  "工业互联网",
  "云计算",
  "电子商务",
  "大数据科技",
  "物联网技术",
  "集成电路设计",
  "智能装备",
];
const SURNAMES =
  "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程魏苏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤".split(
    "",
  );
const GIVEN = "明华思远晓岚一帆佳禾清晏子涵雨桐浩然文博欣怡俊杰志强建国丽娟海燕晨曦嘉怡梓萱宇航天佑诗琪若溪景行书瑶振宇静怡鹏飞雅婷国栋慧敏".split("");
// prettier-ignore
const AGENCIES = [
  "省经济和信息化厅", "省数据局", "省发展改革委", "省科技厅", "省通信管理局", "省市场监管局", "省大数据发展管理局", "省委网信办", "省商务厅",
  "市经济和信息化局", "市大数据局", "市科技局", "国家数据局", "工业和信息化部", "国家互联网应急中心", "中国信息通信研究院", "中国软件行业协会",
];
const ASSOCIATION_UNITS = [
  "协会秘书处",
  "协会会员服务部",
  "协会资质服务部",
  "协会行业研究部",
  "协会培训中心",
  "协会标准化工作委员会",
  "研究院数字治理研究所",
  "研究院数字经济研究所",
  "研究院数据法治研究中心",
  "研究院产业研究所",
];
// prettier-ignore
const TOPICS = [
  "人工智能", "大模型", "智能体", "数据要素", "公共数据", "可信数据空间", "工业互联网", "工业软件", "基础软件", "开源生态", "信息技术应用创新",
  "算力网络", "智能算力", "智算中心", "低空经济", "数字孪生", "数据资产入表", "数据产权登记", "数据交易", "数据安全", "网络安全", "个人信息保护",
  "数字政府", "数字乡村", "智慧城市", "城市大脑", "车联网", "智能网联汽车", "集成电路", "云计算", "边缘计算", "区块链", "隐私计算", "物联网",
  "元宇宙", "量子计算", "卫星互联网", "软件名城", "软件园区", "双软评估", "首版次软件", "揭榜挂帅", "专精特新", "高新技术企业", "研发费用加计扣除",
];
const INDUSTRIES = ["制造业", "服务业", "农业", "金融", "医疗", "教育", "交通", "物流", "能源", "文旅", "政务", "电力", "港口", "纺织", "化工", "汽车", "装备制造", "电子信息", "生物医药", "新材料"];
const ACTIONS = ["推进", "加快", "实施", "深化", "培育", "完善", "推动", "支持", "引导", "鼓励", "强化", "优化", "拓展", "规范", "提升", "统筹", "探索", "部署", "落实", "破解"];
// prettier-ignore
const OBJECTS = [
  "关键软件攻坚", "软件智能化升级", "数据要素市场建设", "公共数据授权运营", "行业高质量数据集建设", "中小企业数字化转型", "产业链协同创新",
  "人才培养体系", "标准体系建设", "安全保障能力", "数字基础设施布局", "应用场景开放", "融资服务体系", "知识产权保护", "产学研合作", "区域协调发展",
  "平台企业规范发展", "首版次软件推广应用", "算力资源统筹调度", "数据跨境流动管理", "人工智能安全治理", "工业机理模型沉淀", "软件名园建设",
];
const DOCUMENT_KINDS = ["若干措施", "实施意见", "行动方案", "指导意见", "管理办法", "建设指引（试行）", "三年行动计划", "专项规划", "工作要点", "实施细则"];
const EVENTS = ["工作座谈会", "应用场景对接会", "专题培训", "会员交流活动", "产业发展大会", "创新大赛", "标准宣贯会", "成果发布会", "圆桌论坛", "供需对接会"];
const MONTHS = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12"];
const QUARTERS = ["一季度", "二季度", "三季度", "四季度", "上半年", "前三季度", "全年"];
const CONNECTIVES = [
  "与此同时，",
  "从企业反馈看，",
  "业内人士认为，",
  "据介绍，",
  "据了解，",
  "需要指出的是，",
  "总体来看，",
  "分领域看，",
  "从地区看，",
  "在建设路径上，",
  "此外，",
  "会议还强调，",
  "研究院认为，",
  "笔者认为，",
  "",
];
const CONCERNS = [
  "基础软件生态不够完善",
  "中小企业创新能力偏弱",
  "高端复合型人才不足",
  "算力成本较高",
  "数据获取难度较大",
  "项目回款周期较长",
  "数据权属不够清晰",
  "标准规范尚不统一",
  "安全防护能力有待提升",
  "应用场景开放不足",
];
const BENEFITS = [
  "降低中小企业使用门槛",
  "提高评估效率",
  "缩短项目交付周期",
  "释放数据要素价值",
  "推动产业链上下游协同",
  "提升公共服务水平",
  "形成可复制可推广的经验",
  "拓宽企业融资渠道",
  "增强产业发展后劲",
  "促进算力资源合理配置",
];

/** Word generators that need the random source. */
export class BulletinText {
  constructor(private readonly random: Random) {}

  person(): string {
    const r = this.random;
    const given = r.chance(0.6) ? r.pick(GIVEN) + r.pick(GIVEN) : r.pick(GIVEN);
    return r.pick(SURNAMES) + given;
  }

  company(): string {
    const r = this.random;
    const place = r.chance(0.7) ? r.pick(CITIES) : r.pick(PROVINCES);
    return `${place}${r.pick(BRAND)}${r.chance(0.3) ? r.pick(BRAND) : ""}${r.pick(BUSINESS)}有限公司`;
  }

  private shortCompany(): string {
    return `${this.random.pick(BRAND)}${this.random.pick(["信息", "科技", "数据", "智能", "软件", "算力", "云"])}`;
  }

  document(): string {
    const r = this.random;
    return `《${r.pick(PROVINCES)}省关于${r.pick(ACTIONS)}${r.pick(TOPICS)}${r.chance(0.5) ? "发展" : "建设"}的${r.pick(DOCUMENT_KINDS)}》`;
  }

  private percent(): string {
    return `${this.random.int(1, 35)}.${this.random.int(0, 9)}%`;
  }

  private money(): string {
    return `${this.random.int(2, 980)}${this.random.pick(["亿元", "万元"])}`;
  }

  private count(): string {
    return `${this.random.int(20, 980)}${this.random.pick(["家", "余家", "余人", "名"])}`;
  }

  headline(): string {
    const r = this.random;
    return r.pick([
      () => `${r.pick(CITIES)}${r.pick(ACTIONS)}${r.pick(TOPICS)}${r.pick(["发展", "建设", "应用", "创新"])}`,
      () => `${this.document()}发布`,
      () => `${r.pick(QUARTERS)}全省软件业运行简况`,
      () => `全省${r.pick(TOPICS)}${r.pick(EVENTS)}在${r.pick(CITIES)}举行`,
      () => `${this.shortCompany()}${r.pick(TOPICS)}项目${r.pick(["正式投运", "通过验收", "完成备案", "入选试点", "获评优秀案例"])}`,
      () => `关于举办${r.pick(TOPICS)}${r.pick(EVENTS)}的通知`,
      () => `${r.pick(TOPICS)}：从地方探索走向制度统一`,
      () => `把握${r.pick(TOPICS)}的${r.pick(["三个关键", "几个着力点", "新趋势", "主要挑战"])}`,
      () => `${r.pick(PROVINCES)}省${r.pick(ACTIONS)}${r.pick(OBJECTS)}`,
      () => `${r.pick(TOPICS)}赋能${r.pick(INDUSTRIES)}的${r.pick(["实践与思考", "路径探索", "典型案例"])}`,
    ])();
  }

  source(): string {
    const r = this.random;
    return r.pick([
      () => `${r.pick(PROVINCES)}${r.pick(AGENCIES)}`,
      () => `${r.pick(CITIES)}${r.pick(AGENCIES).replace(/^省/, "市")}`,
      () => r.pick(ASSOCIATION_UNITS),
      () => "会员单位供稿",
      () => r.pick(AGENCIES),
    ])();
  }

  sentence(): string {
    const r = this.random;
    const sentence = r.pick([
      () => `${r.pick(MONTHS)}月${r.int(1, 28)}日，${r.pick(CITIES)}召开${r.pick(TOPICS)}${r.pick(EVENTS)}，来自${r.pick(CITIES)}、${r.pick(CITIES)}等地的${this.count()}代表参加会议。`,
      () => `会议部署了${r.pick(OBJECTS)}、${r.pick(OBJECTS)}和${r.pick(OBJECTS)}等重点工作。`,
      () => `${r.pick(QUARTERS)}，全省软件业务收入同比增长${this.percent()}，利润总额增长${this.percent()}，${r.pick(TOPICS)}相关收入增长较快。`,
      () => `${r.pick(CITIES)}市软件业务收入增长${this.percent()}，${r.pick(CITIES)}、${r.pick(CITIES)}等地保持两位数增长。`,
      () => `近日，${r.pick(PROVINCES)}${r.pick(AGENCIES)}印发${this.document()}，对${r.pick(TOPICS)}的建设要求、运营规则和安全管理作出规范。`,
      () => `${r.pick(ACTIONS)}${r.pick(OBJECTS)}，需要在${r.pick(TOPICS)}和${r.pick(TOPICS)}两个方面同时发力。`,
      () =>
        `会员单位${this.company()}自主研发的${r.pick(INDUSTRIES)}${r.pick(["大模型", "工业软件", "数据平台", "智能体", "操作系统"])}${r.pick(["完成备案", "正式上线", "通过评估", "入选首版次目录"])}，${r.pick(["在省内多个地区试点应用", "服务企业超过" + this.count(), "平均办理时长缩短约" + this.percent()])}。`,
      () => `该项目总投资${this.money()}，由${this.company()}承建，预计${r.int(2026, 2030)}年建成投用。`,
      () => `当前，产业发展也面临${r.pick(CONCERNS)}、${r.pick(CONCERNS)}等问题，需要在新的一年加以破解。`,
      () => `此举有助于${r.pick(BENEFITS)}，${r.pick(BENEFITS)}。`,
      () => `${r.pick(CITIES)}将依托${r.pick(DISTRICTS)}的产业基础，建设市级${r.pick(TOPICS)}服务平台，统一接入${r.pick(TOPICS)}、${r.pick(TOPICS)}等功能。`,
      () => `与会专家${this.person()}指出，${r.pick(TOPICS)}的发展不仅需要技术突破，更需要${r.pick(OBJECTS)}的制度保障。`,
      () => `协会将在${r.pick(QUARTERS)}开展${r.pick(TOPICS)}专项调研，为主管部门完善扶持政策提供参考。`,
      () => `培训邀请${r.pick(["税务师事务所", "会计师事务所", "律师事务所", "高校", "研究机构"])}专家授课，请于${r.pick(MONTHS)}月${r.int(1, 28)}日前通过协会官网报名。`,
      () => `${r.pick(PROVINCES)}围绕${r.pick(INDUSTRIES)}、${r.pick(INDUSTRIES)}等特色领域，实施一批“${r.pick(TOPICS)}+”应用项目。`,
      () => `从产品类别看，${r.pick(TOPICS)}相关软件产品共${r.int(12, 260)}件，占产品总数的${this.percent()}，比上年同期提高约${r.int(1, 12)}个百分点。`,
      () => `${this.shortCompany()}相关负责人${this.person()}介绍，公司已与${r.int(3, 40)}家${r.pick(INDUSTRIES)}企业签订合作协议，二期工程将于明年建成。`,
      () => `对于建设成效明显的${r.pick(TOPICS)}项目，省里将在相关专项中予以优先支持，对新认定的重点企业给予一次性奖励。`,
      () => `企业在部署${r.pick(TOPICS)}应用时，要落实权限最小化、操作留痕和关键环节人工确认等安全要求。`,
      () => `${r.pick(DISTRICTS)}${r.pick(["片区", "园区", "街道"])}已集聚${r.pick(TOPICS)}企业${r.int(20, 400)}余家，形成了从${r.pick(TOPICS)}到${r.pick(TOPICS)}的完整链条。`,
    ])();
    return r.pick(CONNECTIVES) + sentence;
  }

  paragraph(sentences: number): string {
    return Array.from({ length: sentences }, () => this.sentence()).join("");
  }

  editorNote(): string {
    return `编者按：${this.sentence()}${this.sentence()}本刊整理要点，供会员单位参考。`;
  }

  issueTitle(): string {
    const r = this.random;
    return `${r.pick(TOPICS)}${r.pick(["迈入新阶段", "赋能千行百业", "加速落地", "开局起步", "走深走实", "提质增效"])}`;
  }

  /** A member list or a statistics table, as bulletins print them. */
  table(rows: number): string {
    const r = this.random;
    const start = r.int(1000, 9000);
    const lines = ["| 序号 | 会员编号 | 公司名称 |", "| ---: | ---: | --- |"];
    for (let i = 1; i <= rows; i++) lines.push(`| ${i} | ${start + i} | ${this.company()} |`);
    return lines.join("\n");
  }

  list(items: number): string {
    return Array.from({ length: items }, (_, i) => `${i + 1}. **${this.random.pick(ACTIONS)}${this.random.pick(OBJECTS)}**。${this.sentence()}`).join("\n");
  }
}

export const SECTION_POOL = [
  { name: "本月聚焦", slug: "focus" },
  { name: "经信发布", slug: "policy" },
  { name: "产业动态", slug: "industry" },
  { name: "会员天地", slug: "members" },
  { name: "协会工作导航", slug: "association" },
  { name: "国策要论", slug: "policy-analysis" },
  { name: "地方新政", slug: "local-policy" },
  { name: "前沿观察", slug: "frontier" },
];

/** Masthead names of synthetic publications: a province, a field, a kind of bulletin. */
export function publicationName(index: number): string {
  const fields = ["软件和信息服务业", "大数据发展", "数字经济", "人工智能产业", "工业互联网", "信息技术应用创新", "数据要素", "智能制造", "网络安全产业", "低空经济"];
  return `${PROVINCES[index % PROVINCES.length]}${fields[index % fields.length]}${index % 2 ? "动态" : "简报"}`;
}
