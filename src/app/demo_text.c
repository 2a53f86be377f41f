/*
 * demo_text.c: the vocabulary of the demo region and the generator that
 * assembles it. Every name and phrase is invented; any likeness to a real
 * place, company or person is a coincidence of common words.
 */
#include "app/demo_text.h"

#include <string.h>

#include "base/banned.h"

/* --- Random numbers ------------------------------------------------------ */

static uint64_t splitmix64(uint64_t *x)
{
	uint64_t z = (*x += 0x9e3779b97f4a7c15u);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
	return z ^ (z >> 31);
}

void demo_rng_seed(struct demo_rng *r, uint64_t seed, uint64_t stream)
{
	uint64_t x = seed ^ splitmix64(&stream);

	for (int i = 0; i < 4; i++)
		r->s[i] = splitmix64(&x);
}

static uint64_t rotl(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

uint64_t demo_rng_next(struct demo_rng *r)
{
	uint64_t *s = r->s;
	uint64_t result = rotl(s[1] * 5, 7) * 9;
	uint64_t t = s[1] << 17;

	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = rotl(s[3], 45);
	return result;
}

uint64_t demo_rng_below(struct demo_rng *r, uint64_t n)
{
	/* The modulo bias is below 2^-40 for the small n used here. */
	return demo_rng_next(r) % n;
}

int64_t demo_rng_range(struct demo_rng *r, int64_t lo, int64_t hi)
{
	return lo + (int64_t)demo_rng_below(r, (uint64_t)(hi - lo) + 1);
}

bool demo_rng_chance(struct demo_rng *r, unsigned per_mille)
{
	return demo_rng_below(r, 1000) < per_mille;
}

size_t demo_rng_weighted(struct demo_rng *r, const unsigned *weights, size_t n)
{
	uint64_t total = 0, x;

	for (size_t i = 0; i < n; i++)
		total += weights[i];
	x = demo_rng_below(r, total);
	for (size_t i = 0; i < n; i++) {
		if (x < weights[i])
			return i;
		x -= weights[i];
	}
	return n - 1;
}

static size_t list_len(const char *const *list)
{
	size_t n = 0;

	while (list[n])
		n++;
	return n;
}

const char *demo_rng_pick(struct demo_rng *r, const char *const *list)
{
	return list[demo_rng_below(r, list_len(list))];
}

/* --- Department types ---------------------------------------------------- */

#define WORDS(...) ((const char *const[]){__VA_ARGS__, NULL})

static const struct demo_dept gov = {
    "zf",
    "人民政府",
    "人民政府",
    NULL,
    "政",
    DEPT_GOV | DEPT_PROJECTS,
    .app_weight = 14,
    .subjects = WORDS("发展规划", "政府工作"),
    .topics = WORDS("优化营商环境", "乡村振兴", "城市更新", "安全生产", "重大项目建设", "民生实事",
		    "数字政府建设", "生态文明建设"),
    .requests = WORDS("集体土地征收决定", "国有土地上房屋征收决定", "政府常务会议纪要中的相关内容",
		      "重大行政决策的相关材料", "政府工作报告"),
};

/* The first 13 are the departments of the small demo district; the large
 * region takes them all at province and city level and the first ones at
 * county level. */
static const struct demo_dept depts[] = {
    {"fgj", "发展和改革委员会", "发展和改革局", NULL, "发改", DEPT_LICENSING | DEPT_PROJECTS,
     .app_weight = 6, .licensing = 60, .subjects = WORDS("发展规划", "重大项目"),
     .topics = WORDS("重点项目建设", "价格监测", "社会信用体系建设", "优化营商环境", "粮食安全保障",
		     "以工代赈"),
     .requests = WORDS("重大项目可行性研究报告的批复", "项目核准文件", "政府定价成本监审报告",
		       "重点项目年度计划")},
    {"czj", "财政厅", "财政局", NULL, "财", 0, .app_weight = 5,
     .subjects = WORDS("财政金融", "预算决算"),
     .topics = WORDS("预算管理", "政府采购监督管理", "国有资产管理", "财政资金绩效评价",
		     "政府债务管理", "惠民惠农财政补贴资金发放"),
     .requests = WORDS("年度财政预算执行情况", "专项资金拨付明细", "政府债务限额及余额",
		       "惠民补贴资金发放名单")},
    {"jyj", "教育厅", "教育局", NULL, "教", DEPT_LICENSING | DEPT_PENALTY | DEPT_FEES,
     .app_weight = 5, .licensing = 30, .penalty = 5, .fees_wan = 12, .subjects = WORDS("教育"),
     .topics = WORDS("义务教育招生入学", "校外培训机构监管", "学前教育普及普惠", "教师队伍建设",
		     "校园安全管理", "中小学校舍建设"),
     .requests = WORDS("学区划分方案", "学校建设项目立项批复", "教师招聘考试成绩及录用名单",
		       "校外培训机构审批材料")},
    {"gaj", "公安厅", "公安局", "公安分局", "公",
     DEPT_LICENSING | DEPT_PENALTY | DEPT_ENFORCEMENT | DEPT_FEES, .app_weight = 10,
     .licensing = 3000, .penalty = 6000, .enforcement = 400, .fees_wan = 85,
     .subjects = WORDS("公共安全"),
     .topics =
	 WORDS("道路交通安全管理", "户籍管理", "治安管理", "出入境管理", "反诈宣传", "消防安全"),
     .requests =
	 WORDS("行政处罚决定书", "交通事故认定书所依据的材料", "户籍迁移审批材料", "接处警记录")},
    {"mzj", "民政厅", "民政局", NULL, "民", DEPT_LICENSING | DEPT_PENALTY, .app_weight = 4,
     .licensing = 120, .penalty = 2, .subjects = WORDS("民政", "社会救助"),
     .topics =
	 WORDS("最低生活保障", "养老服务", "社会组织管理", "殡葬管理", "婚姻登记", "困境儿童保障"),
     .requests =
	 WORDS("低保对象名单", "养老机构补贴发放情况", "社会组织登记材料", "殡葬设施专项规划")},
    {"rsj", "人力资源和社会保障厅", "人力资源和社会保障局", NULL, "人社",
     DEPT_LICENSING | DEPT_PENALTY, .app_weight = 5, .licensing = 80, .penalty = 20,
     .subjects = WORDS("社会保障", "就业创业"),
     .topics =
	 WORDS("就业创业扶持", "社会保险", "劳动保障监察", "工伤认定", "职称评审", "根治欠薪"),
     .requests = WORDS("工伤认定决定书", "养老保险缴费记录", "事业单位公开招聘成绩",
		       "劳动保障监察案件处理结果")},
    {"zrj", "自然资源厅", "自然资源和规划局", "自然资源局", "自然资",
     DEPT_LICENSING | DEPT_PENALTY | DEPT_ENFORCEMENT | DEPT_FEES | DEPT_PROJECTS, .app_weight = 22,
     .licensing = 900, .penalty = 40, .enforcement = 10, .fees_wan = 360,
     .subjects = WORDS("自然资源", "规划建设"),
     .topics = WORDS("国土空间规划", "土地征收", "不动产登记", "耕地保护", "矿产资源管理",
		     "地质灾害防治"),
     .requests = WORDS("集体土地征收补偿安置方案", "征收土地公告及批复文件", "建设用地规划许可证",
		       "国有建设用地使用权出让合同", "不动产登记资料")},
    {"zjj", "住房和城乡建设厅", "住房和城乡建设局", NULL, "住建",
     DEPT_LICENSING | DEPT_PENALTY | DEPT_FEES | DEPT_PROJECTS, .app_weight = 14, .licensing = 400,
     .penalty = 30, .fees_wan = 45, .subjects = WORDS("城乡建设", "住房保障"),
     .topics = WORDS("国有土地上房屋征收", "老旧小区改造", "保障性住房", "建筑市场监管", "物业管理",
		     "城市更新"),
     .requests = WORDS("房屋征收决定及补偿方案", "房屋征收评估报告", "建设工程施工许可证",
		       "保障性住房分配名单", "物业专项维修资金使用情况")},
    {"wjw", "卫生健康委员会", "卫生健康委员会", NULL, "卫健", DEPT_LICENSING | DEPT_PENALTY,
     .app_weight = 4, .licensing = 300, .penalty = 60, .subjects = WORDS("卫生健康"),
     .topics = WORDS("基层医疗卫生服务", "公共卫生", "疫情防控", "医疗机构监管", "妇幼健康",
		     "爱国卫生运动"),
     .requests = WORDS("医疗机构执业许可材料", "医疗纠纷处理结果", "传染病防控经费使用情况",
		       "卫生监督检查结果")},
    {"scjgj", "市场监督管理局", "市场监督管理局", NULL, "市监",
     DEPT_LICENSING | DEPT_PENALTY | DEPT_ENFORCEMENT | DEPT_FEES, .app_weight = 8,
     .licensing = 2500, .penalty = 250, .enforcement = 40, .fees_wan = 6,
     .subjects = WORDS("市场监管", "食品药品"),
     .topics = WORDS("食品安全监管", "特种设备安全", "知识产权保护", "价格监督检查",
		     "产品质量监督抽查", "消费维权"),
     .requests = WORDS("企业登记档案", "行政处罚决定书", "食品安全抽检结果", "投诉举报处理结果")},
    {"sthjj", "生态环境厅", "生态环境局", "生态环境分局", "环",
     DEPT_LICENSING | DEPT_PENALTY | DEPT_ENFORCEMENT, .app_weight = 4, .licensing = 60,
     .penalty = 45, .enforcement = 8, .subjects = WORDS("生态环境"),
     .topics = WORDS("大气污染防治", "水污染防治", "建设项目环境影响评价", "土壤污染防治",
		     "生态环境执法"),
     .requests = WORDS("建设项目环境影响评价报告及批复", "企业排污许可证", "环境监测数据",
		       "环境行政处罚决定书")},
    {"cgj", "城市管理综合执法监督局", "城市管理局", NULL, "城管",
     DEPT_LICENSING | DEPT_PENALTY | DEPT_ENFORCEMENT, .app_weight = 5, .licensing = 200,
     .penalty = 400, .enforcement = 60, .subjects = WORDS("城市管理"),
     .topics =
	 WORDS("违法建设治理", "市容环境卫生", "生活垃圾分类", "户外广告设置管理", "占道经营整治"),
     .requests =
	 WORDS("违法建设认定及限期拆除决定", "强制拆除的相关材料", "垃圾处理设施建设项目材料")},
    {"spj", "政务服务管理局", "行政审批局", NULL, "审批", DEPT_LICENSING | DEPT_FEES,
     .app_weight = 3, .licensing = 6000, .fees_wan = 20, .subjects = WORDS("政务服务"),
     .topics = WORDS("一网通办", "相对集中行政许可权改革", "政务服务事项标准化", "帮办代办服务"),
     .requests = WORDS("营业执照办理材料", "建设工程规划许可审批材料", "行政许可决定书")},
    {"jtj", "交通运输厅", "交通运输局", NULL, "交",
     DEPT_LICENSING | DEPT_PENALTY | DEPT_ENFORCEMENT | DEPT_PROJECTS, .app_weight = 3,
     .licensing = 500, .penalty = 300, .enforcement = 20, .subjects = WORDS("交通运输"),
     .topics = WORDS("农村公路建设", "道路运输管理", "公共交通发展", "交通运输综合执法"),
     .requests = WORDS("道路建设项目批复", "出租汽车经营权配置方案", "超限运输处罚决定")},
    {"sfj", "司法厅", "司法局", NULL, "司", DEPT_LICENSING, .app_weight = 1, .licensing = 40,
     .subjects = WORDS("司法行政"),
     .topics = WORDS("法治政府建设", "人民调解", "法律援助", "社区矫正", "行政复议"),
     .requests = WORDS("行政复议决定书", "法律援助案件办理情况")},
    {"slj", "水利厅", "水利局", NULL, "水",
     DEPT_LICENSING | DEPT_PENALTY | DEPT_FEES | DEPT_PROJECTS, .app_weight = 2, .licensing = 50,
     .penalty = 10, .fees_wan = 30, .subjects = WORDS("水利"),
     .topics = WORDS("河湖长制", "防汛抗旱", "水资源管理", "农田水利建设"),
     .requests = WORDS("河道采砂许可", "水库移民后期扶持资金发放情况", "取水许可证")},
    {"nyj", "农业农村厅", "农业农村局", NULL, "农", DEPT_LICENSING | DEPT_PENALTY, .app_weight = 3,
     .licensing = 100, .penalty = 15, .subjects = WORDS("农业农村", "乡村振兴"),
     .topics =
	 WORDS("高标准农田建设", "乡村振兴", "农村人居环境整治", "耕地地力保护补贴", "动物防疫"),
     .requests = WORDS("耕地地力保护补贴发放明细", "高标准农田建设项目验收材料",
		       "农村土地承包经营权确权资料")},
    {"yjj", "应急管理厅", "应急管理局", NULL, "应急",
     DEPT_LICENSING | DEPT_PENALTY | DEPT_ENFORCEMENT, .app_weight = 2, .licensing = 30,
     .penalty = 25, .enforcement = 3, .subjects = WORDS("应急管理", "安全生产"),
     .topics = WORDS("安全生产监管", "自然灾害防治", "应急救援能力建设", "危险化学品安全"),
     .requests = WORDS("生产安全事故调查报告", "安全生产行政处罚决定书", "应急物资储备情况")},
    {"ybj", "医疗保障局", "医疗保障局", NULL, "医保", DEPT_PENALTY, .app_weight = 2, .penalty = 15,
     .subjects = WORDS("医疗保障"),
     .topics = WORDS("医保基金监管", "医疗救助", "药品集中带量采购", "医保支付方式改革"),
     .requests = WORDS("医保基金使用情况", "定点医疗机构协议管理材料")},
    {"wlj", "文化和旅游厅", "文化和旅游局", NULL, "文旅", DEPT_LICENSING | DEPT_PENALTY,
     .app_weight = 1, .licensing = 80, .penalty = 10, .subjects = WORDS("文化旅游"),
     .topics = WORDS("公共文化服务", "文物保护", "旅游市场监管", "文化市场综合执法"),
     .requests = WORDS("文物保护单位保护范围划定材料", "旅游项目审批材料")},
    {"kjj", "科学技术厅", "科学技术局", NULL, "科", 0, .app_weight = 1, .subjects = WORDS("科技"),
     .topics = WORDS("科技创新平台建设", "高新技术企业培育", "科技项目资金管理", "科技成果转化"),
     .requests = WORDS("科技项目立项评审结果", "科技专项资金分配明细")},
    {"gxj", "工业和信息化厅", "工业和信息化局", NULL, "工信", 0, .app_weight = 1,
     .subjects = WORDS("工业和信息化"),
     .topics = WORDS("中小企业发展", "工业技术改造", "数字经济发展", "节能降耗"),
     .requests = WORDS("技术改造专项资金拨付情况", "企业节能监察结果")},
    {"tyjrj", "退役军人事务厅", "退役军人事务局", NULL, "退役军人", 0, .app_weight = 1,
     .subjects = WORDS("退役军人服务"),
     .topics = WORDS("退役军人安置", "优抚对象抚恤", "退役军人就业创业"),
     .requests = WORDS("退役士兵安置方案", "优抚对象抚恤金发放标准")},
    {"sjj", "审计厅", "审计局", NULL, "审", 0, .app_weight = 1, .subjects = WORDS("审计"),
     .topics = WORDS("预算执行审计", "经济责任审计", "政府投资项目审计"),
     .requests = WORDS("审计报告", "审计整改情况")},
    {"tjj", "统计局", "统计局", NULL, "统", DEPT_PENALTY, .app_weight = 1, .penalty = 5,
     .subjects = WORDS("统计信息"), .topics = WORDS("国民经济统计", "经济普查", "统计执法检查"),
     .requests = WORDS("统计公报所依据的数据", "经济普查汇总数据")},
    {"swj", "商务厅", "商务局", NULL, "商", DEPT_LICENSING, .app_weight = 1, .licensing = 40,
     .subjects = WORDS("商贸"),
     .topics = WORDS("消费促进", "外贸稳增长", "招商引资", "电子商务发展"),
     .requests = WORDS("招商引资协议", "商贸流通专项资金分配情况")},
    {"lyj", "林业局", "林业局", NULL, "林", DEPT_LICENSING | DEPT_PENALTY, .app_weight = 1,
     .licensing = 60, .penalty = 10, .subjects = WORDS("林业"),
     .topics = WORDS("森林防火", "林长制", "野生动物保护", "林木采伐管理"),
     .requests = WORDS("林木采伐许可证", "使用林地审核同意书")},
    {"xfj", "信访局", "信访局", NULL, "信访", 0, .app_weight = 1, .subjects = WORDS("信访"),
     .topics = WORDS("信访事项办理", "矛盾纠纷排查化解"),
     .requests = WORDS("信访事项处理意见书", "信访复查意见")},
    {"tyj", "体育局", "体育局", NULL, "体", 0, .app_weight = 1, .subjects = WORDS("体育"),
     .topics = WORDS("全民健身", "公共体育设施建设", "体育赛事管理"),
     .requests = WORDS("体育场馆建设项目材料", "体育彩票公益金使用情况")},
};

const struct demo_dept *demo_dept_gov(void)
{
	return &gov;
}

const struct demo_dept *demo_dept_types(size_t *n)
{
	*n = sizeof(depts) / sizeof(depts[0]);
	return depts;
}

const struct demo_dept *demo_dept_find(const char *code)
{
	for (size_t i = 0; i < sizeof(depts) / sizeof(depts[0]); i++)
		if (!strcmp(depts[i].code, code))
			return &depts[i];
	return NULL;
}

/* --- Names --------------------------------------------------------------- */

static const char *const surnames[] = {
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡",
    "郭", "何", "高", "林", "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹",
    "彭", "曾", "肖", "田", "董", "袁", "潘", "于", "蒋", "蔡", "余", "杜", "叶", "程", "苏",
    "魏", "吕", "丁", "任", "沈", "姚", "卢", "姜", "崔", "钟", "谭", "陆", "汪", "范", "金",
    "石", "廖", "贾", "夏", "韦", "方", "白", "邹", "孟", "熊", NULL,
};
static const char *const given[] = {
    "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明",
    "超", "秀", "霞", "平", "刚", "桂", "英", "华", "玉", "兰", "萍", "红", "建", "文", "辉", "力",
    "林", "鹏", "飞", "斌", "宇", "浩", "凯", "雪", "梅", "琳", "晨", "欣", "颖", "博", "志", "海",
    "波", "峰", "佳", "俊", "思", "雨", "晓", "婷", "慧", "鑫", "国", "春", NULL,
};
/* Two-character place names: first × second, 20 × 20 = DEMO_PLACE_NAMES. */
static const char *const place_first[] = {
    "云", "青", "安", "永", "兴", "平", "宁", "长", "清", "丰", "临",
    "宜", "新", "福", "华", "嘉", "宏", "瑞", "泰", "和", NULL,
};
static const char *const place_second[] = {
    "川", "阳", "源", "江", "山", "林", "泉", "河", "溪", "州", "水",
    "坪", "城", "峰", "谷", "原", "湖", "桥", "塘", "岭", NULL,
};
static const char *const firm_words[] = {
    "鑫源", "恒通", "华信", "宏达", "金诚", "瑞丰", "中和", "永兴",
    "天成", "嘉禾", "博远", "润泽", "德邦", "盛世", "同创", NULL,
};
static const char *const firm_trades[] = {
    "建筑工程", "房地产开发", "商贸", "科技", "物流",	  "餐饮管理", "环保科技",
    "置业",	"农业开发",   "医药", "建材", "汽车销售", NULL,
};
static const char *const institutes[] = {
    "东岚大学公共管理学院",   "东岚大学法学院",		  "岚州师范学院城市发展研究中心",
    "东岚财经大学财政研究所", "东岚社会科学院法学研究所", NULL,
};
static const char *const charities[] = {
    "绿色家园环保公益中心", "爱心助老服务中心",	  "公益法律援助促进会",
    "青少年发展基金会",	    "自然之友志愿者协会", NULL,
};
static const char *const law_firm_words[] = {
    "正义", "明理", "信达", "衡平", "天平", "德恒", "致公", "锦程", NULL,
};
static const char *const other_orgs[] = {
    "股份经济合作社", "业主委员会", "居民委员会", "个体工商户", NULL,
};

void demo_person_name(struct demo_rng *r, struct buf *out)
{
	buf_puts(out, demo_rng_pick(r, surnames));
	buf_puts(out, demo_rng_pick(r, given));
	if (demo_rng_chance(r, 700))
		buf_puts(out, demo_rng_pick(r, given));
}

static void place_pair(struct demo_rng *r, struct buf *out)
{
	buf_puts(out, demo_rng_pick(r, place_first));
	buf_puts(out, demo_rng_pick(r, place_second));
}

void demo_street_name(struct demo_rng *r, struct buf *out)
{
	place_pair(r, out);
	buf_puts(out, demo_rng_chance(r, 700) ? "街道" : "镇");
}

void demo_place_name(unsigned index, struct buf *out)
{
	buf_puts(out, place_first[index / 20 % 20]);
	buf_puts(out, place_second[index % 20]);
}

void demo_applicant_name(struct demo_rng *r, enum applicant_type t, const char *place,
			 struct buf *out)
{
	switch (t) {
	case APPLICANT_BUSINESS:
		buf_printf(out, "%s%s%s有限公司", place, demo_rng_pick(r, firm_words),
			   demo_rng_pick(r, firm_trades));
		break;
	case APPLICANT_RESEARCH:
		buf_puts(out, demo_rng_pick(r, institutes));
		break;
	case APPLICANT_PUBLIC_INTEREST:
		buf_printf(out, "%s%s", place, demo_rng_pick(r, charities));
		break;
	case APPLICANT_LEGAL_SERVICE:
		buf_printf(out, "东岚%s律师事务所", demo_rng_pick(r, law_firm_words));
		break;
	case APPLICANT_OTHER:
		place_pair(r, out);
		buf_puts(out, "村");
		buf_puts(out, demo_rng_pick(r, other_orgs));
		break;
	default:
		demo_person_name(r, out);
		break;
	}
}

/* --- Expansion ----------------------------------------------------------- */

void demo_expand(struct buf *out, const char *fmt, const struct demo_vars *v)
{
	const char *p = fmt;

	while (*p) {
		const char *brace = strchr(p, '{');
		if (!brace || !brace[1] || brace[2] != '}') {
			buf_puts(out, p);
			return;
		}
		buf_append(out, p, (size_t)(brace - p));
		switch (brace[1]) {
		case 'P':
			buf_puts(out, v->place);
			break;
		case 'A':
			buf_puts(out, v->agency);
			break;
		case 'T':
			buf_puts(out, v->topic);
			break;
		case 'R':
			buf_puts(out, v->thing);
			break;
		case 'W':
			buf_puts(out, v->street);
			break;
		case 'D':
			buf_puts(out, v->docno);
			break;
		case 'Y':
			buf_printf(out, "%d", v->year);
			break;
		case 'N':
			buf_printf(out, "%d", v->number);
			break;
		default:
			buf_append(out, brace, 3);
			break;
		}
		p = brace + 3;
	}
}

/* --- Documents ----------------------------------------------------------- */

static const struct demo_doc_template doc_templates[] = {
    {"关于印发《{P}{Y}年{T}工作方案》的通知", "方案", 3, DOC_KIND_PLAIN, true, false, 0, 12},
    {"关于印发《{P}{T}管理办法》的通知", "办法", 1, DOC_KIND_NORMATIVE, true, false, 0, 2},
    {"关于印发《{P}{T}实施细则》的通知", "细则", 1, DOC_KIND_NORMATIVE, true, false, 0, 1},
    {"关于进一步加强{T}工作的实施意见", "意见", 1, DOC_KIND_NORMATIVE, true, false, 0, 1},
    {"{P}关于{T}的若干措施", "措施", 1, DOC_KIND_NORMATIVE, true, false, DEPT_GOV, 1},
    {"关于开展{Y}年{T}专项行动的通知", "通知", 0, DOC_KIND_PLAIN, true, false, 0, 10},
    {"关于进一步做好{T}工作的通知", "通知", 11, DOC_KIND_PLAIN, true, false, 0, 6},
    {"{A}关于{Y}年{T}工作情况的报告", "报告", 0, DOC_KIND_PLAIN, true, false, 0, 6},
    {"{A}召开{T}工作推进会", NULL, 0, DOC_KIND_PLAIN, false, false, 0, 14},
    {"{A}关于{T}有关政策的解读", "解读", 0, DOC_KIND_PLAIN, false, false, 0, 5},
    {"{A}关于公布{Y}年{T}相关名单的公告", "公告", 0, DOC_KIND_PLAIN, true, false, 0, 4},
    {"{A}行政处罚决定书（{D}）", "决定书", 6, DOC_KIND_PLAIN, true, true, DEPT_PENALTY, 8},
    {"{A}{Y}年行政许可办理结果公示（第{N}期）", "公示", 5, DOC_KIND_PLAIN, false, false,
     DEPT_LICENSING, 6},
    {"关于{P}{T}相关建设项目的批复", "批复", 10, DOC_KIND_PLAIN, true, false, DEPT_PROJECTS, 4},
    {"关于做好{Y}年{T}领域安全风险防范工作的通知", "通知", 12, DOC_KIND_PLAIN, true, false, 0, 3},
    {"{A}{Y}年{T}监督检查情况的通报", "通报", 13, DOC_KIND_PLAIN, true, false, DEPT_PENALTY, 4},
    {"关于调整{P}{T}相关收费标准的通知", "通知", 8, DOC_KIND_PLAIN, true, false, DEPT_FEES, 2},
    {"{A}{Y}年度考试录用公务员拟录用人员公示", "公示", 14, DOC_KIND_PLAIN, false, false, 0, 1},
    {"{P}{Y}年{N}月国民经济主要指标", NULL, 4, DOC_KIND_PLAIN, false, false, DEPT_GOV, 3},
};

const struct demo_doc_template *demo_doc_template_pick(struct demo_rng *r, unsigned flags)
{
	enum { N = sizeof(doc_templates) / sizeof(doc_templates[0]) };
	unsigned weights[N];

	for (size_t i = 0; i < N; i++)
		weights[i] = (doc_templates[i].needs & ~flags) ? 0 : doc_templates[i].weight;
	return &doc_templates[demo_rng_weighted(r, weights, N)];
}

static const struct demo_yearly_doc yearly_docs[] = {
    {"{A}{Y}年度重点工作计划", 0, 2, 0},	   {"{A}{Y}年部门预算", 0, 3, 7},
    {"{A}{Y}年政府采购意向公开", 0, 4, 9},	   {"{A}{Y}年部门决算", 1, 8, 7},
    {"{A}{Y}年法治政府建设工作情况报告", 1, 3, 0},
};

const struct demo_yearly_doc *demo_yearly_docs(size_t *n)
{
	*n = sizeof(yearly_docs) / sizeof(yearly_docs[0]);
	return yearly_docs;
}

/* {G} is not a demo_vars field: the opening names the genre itself. */
static const char *const openings[] = {
    "为深入贯彻落实党中央、国务院关于{T}的决策部署，进一步做好{T}工作，结合{P}实际，制定本",
    "为推动{T}工作高质量发展，切实保障人民群众合法权益，根据有关法律法规和上级文件精神，"
    "结合本地实际，制定本",
    "为规范{T}工作，提高行政效能，持续优化营商环境，依据有关法律、法规和规章，制定本",
    NULL,
};
static const char *const goals[] = {
    "坚持以人民为中心的发展思想，统筹发展和安全，着力解决群众急难愁盼问题。",
    "到{Y}年底，{T}工作机制进一步健全，服务水平明显提升。",
    "坚持问题导向和目标导向，突出重点、分类施策、稳步推进。",
    "力争通过一至两年的努力，基本形成权责清晰、运行高效、监管有力的工作格局。",
    "坚持依法行政，把{T}工作全面纳入法治化、规范化轨道。",
    NULL,
};
static const char *const tasks[] = {
    "建立健全{T}工作台账，实行清单化管理、项目化推进",
    "加强部门协同，{W}等基层单位要明确专人负责，形成工作合力",
    "强化数据共享和信息化支撑，推动{T}相关事项网上办理、一次办结",
    "加大督促检查力度，对工作推进不力的单位予以通报",
    "做好政策宣传解读，及时回应社会关切",
    "严格落实属地管理责任，层层压实工作责任",
    "规范办理流程，压缩办理时限，提升群众满意度",
    "开展{T}专项排查，建立问题清单和整改清单，实行销号管理",
    NULL,
};
static const char *const measures[] = {
    "各单位要高度重视，主要负责同志亲自研究部署。",
    "{A}负责统筹协调，定期调度工作进展。",
    "将{T}工作纳入年度绩效考核，考核结果作为评先评优的重要依据。",
    "落实经费保障，专款专用，严禁截留挪用。",
    "畅通投诉举报渠道，主动接受社会监督。",
    NULL,
};
static const char *const summaries[] = {
    "明确了{T}工作的总体要求、主要任务和保障措施。",
    "就{T}工作作出部署，要求各单位抓好贯彻落实。",
    "对{Y}年{T}有关事项作出安排。",
    "公开{T}相关工作情况，接受社会监督。",
    NULL,
};
static const char *const violations[] = {
    "未按规定取得许可擅自从事经营活动",
    "未按规定履行安全管理职责",
    "销售不符合标准的产品",
    "未按规定公示相关信息",
    "拒不配合监督检查",
    NULL,
};
static const char *const chinese_numerals[] = {"一", "二", "三", "四", "五", "六"};

static void sentence(struct demo_rng *r, const char *const *list, const struct demo_vars *v,
		     struct buf *out)
{
	demo_expand(out, demo_rng_pick(r, list), v);
}

static void body_news(struct demo_rng *r, const struct demo_vars *v, bool short_body,
		      struct buf *out)
{
	demo_expand(out, "近日，{A}召开{T}工作推进会。会议指出，", v);
	sentence(r, goals, v, out);
	buf_puts(out, "会议要求，");
	sentence(r, tasks, v, out);
	if (short_body) {
		buf_puts(out, "。");
		return;
	}
	buf_puts(out, "；");
	sentence(r, tasks, v, out);
	buf_puts(out, "。\n\n会议强调，");
	sentence(r, measures, v, out);
	demo_expand(out, "\n\n{A}相关负责同志及各科室负责人参加会议。", v);
}

static void body_penalty(struct demo_rng *r, const struct demo_vars *v, bool short_body,
			 struct buf *out)
{
	buf_printf(out,
		   "当事人存在%s的行为，违反了有关法律法规的规定。本机关决定对当事人处以罚款人民币"
		   "%d元。",
		   demo_rng_pick(r, violations), (int)demo_rng_range(r, 5, 200) * 1000);
	buf_puts(out, short_body ? "" : "\n\n当事人应当自收到本决定书之日起十五日内缴纳罚款。");
	buf_puts(out, "如不服本处罚决定，可以在收到"
		      "本决定书之日起六十日内依法申请行政复议，或者在六个月内依法向人民法院提起行政"
		      "诉讼。");
	if (!short_body)
		demo_expand(out, "\n\n{A}", v);
}

static void body_notice(struct demo_rng *r, const struct demo_doc_template *t,
			const struct demo_vars *v, bool short_body, struct buf *out,
			int *validity_years)
{
	int n_tasks;

	sentence(r, openings, v, out);
	buf_printf(out, "%s。", t->genre);
	if (short_body) {
		sentence(r, goals, v, out);
		sentence(r, tasks, v, out);
		buf_puts(out, "。");
		sentence(r, measures, v, out);
	} else {
		buf_puts(out, "\n\n一、总体要求\n\n");
		sentence(r, goals, v, out);
		sentence(r, goals, v, out);
		buf_puts(out, "\n\n二、主要任务\n\n");
		n_tasks = (int)demo_rng_range(r, 2, 4);
		for (int i = 0; i < n_tasks; i++) {
			buf_printf(out, "（%s）", chinese_numerals[i]);
			sentence(r, tasks, v, out);
			buf_puts(out, "。");
		}
		buf_puts(out, "\n\n三、保障措施\n\n");
		sentence(r, measures, v, out);
		sentence(r, measures, v, out);
	}
	if (t->kind == DOC_KIND_NORMATIVE) {
		/* 行政规范性文件 state their period of validity; most
		 * provinces cap it at five years. */
		static const unsigned w[] = {0, 2, 0, 8};
		*validity_years = 2 + (int)demo_rng_weighted(r, w, 4);
		buf_printf(out, "\n\n本%s自印发之日起施行，有效期%d年。", t->genre,
			   *validity_years);
	}
}

void demo_doc_body(struct demo_rng *r, const struct demo_doc_template *t, const struct demo_vars *v,
		   bool short_body, struct buf *body, struct buf *summary, int *validity_years)
{
	*validity_years = 0;
	if (!t->genre)
		body_news(r, v, short_body, body);
	else if (t->penalty)
		body_penalty(r, v, short_body, body);
	else
		body_notice(r, t, v, short_body, body, validity_years);
	buf_puts(summary, v->agency);
	sentence(r, summaries, v, summary);
}

/* --- Requests and complaints -------------------------------------------- */

static const char *const request_forms[] = {
    "申请公开{P}{W}涉及的{R}",
    "请求提供{A}{Y}年作出的{R}",
    "申请获取本人房屋所在{W}涉及的{R}（包括文号、作出时间）",
    "申请公开{A}关于{T}的{R}及其依据",
    "申请公开{Y}年{P}{W}{R}的电子版本",
    NULL,
};
static const char *const complaints[] = {
    "投诉人反映{A}未在法定期限内答复其政府信息公开申请。",
    "投诉人反映{A}政府信息公开专栏中{T}相关信息更新不及时。",
    "投诉人反映{A}作出的政府信息公开申请答复未说明理由，也未告知救济途径。",
    "投诉人反映{A}要求其说明申请信息的用途，不符合《中华人民共和国政府信息公开条例》的规定。",
    "投诉人反映{A}政府信息公开工作年度报告中的数据前后不一致。",
    NULL,
};
static const char *const complaint_answers[] = {
    "经核查，{A}已在收到投诉后重新作出答复，并向投诉人说明了情况。",
    "经核查，{A}的答复符合《中华人民共和国政府信息公开条例》的规定，投诉事项不成立，"
    "已向投诉人说明。",
    "经核查，{A}已更新相关栏目内容，并完善了信息发布审核机制。",
    NULL,
};

void demo_request_content(struct demo_rng *r, const struct demo_vars *v, struct buf *out)
{
	sentence(r, request_forms, v, out);
	buf_puts(out, "。");
}

void demo_complaint_text(struct demo_rng *r, const struct demo_vars *v, bool rectification,
			 struct buf *content, struct buf *answer)
{
	sentence(r, complaints, v, content);
	if (rectification)
		demo_expand(answer,
			    "经核查，投诉反映的问题属实，已向{A}发出整改通知书，责令限期整改"
			    "并报告整改情况。",
			    v);
	else
		sentence(r, complaint_answers, v, answer);
}
