"""Words that ``bench_seed`` combines into plausible county news.

Plain data, no logic: titles are "{place}{subject}{event}", bodies a few
paragraphs of stock newsroom sentences with the place filled in, so that
lengths, character mix and search terms (柠檬, 乡村振兴 ...) look like a real
local portal's and full-text search has something to find.
"""

SUBJECTS = (
    "柠檬产业 春茶 猕猴桃 油菜花 脆红李 生猪养殖 高标准农田 乡村振兴 农村电商 文旅项目 "
    "老旧小区改造 城乡供水 中小学 县人民医院 养老服务中心 乡村公路 高速公路 成渝中线高铁 "
    "招商引资 民营企业 夜间经济 非遗文化 龙舞 川剧 图书馆 全民健身 森林防火 防汛工作 "
    "秸秆禁烧 人居环境 河长制 社区治理 就业帮扶 返乡创业 消费帮扶 营商环境 政务服务"
).split()

EVENTS = (
    "迎来丰收季 取得新进展 再上新台阶 按下快进键 跑出加速度 全面启动 顺利通过验收 "
    "获省级表彰 成为新亮点 助力群众增收 持续发力 交出亮眼成绩单 开展专项行动 "
    "举行现场推进会 签约落地 正式投用 提质扩容 惠及万余群众 引来八方游客"
).split()

SUMMARY_TAILS = (
    "记者从相关部门获悉，",
    "近日，",
    "日前，",
    "今年以来，",
    "连日来，",
)

SENTENCES = (
    "{place}{subject}工作现场热火朝天，干部群众齐心协力，各项任务有序推进。",
    "据了解，{place}今年累计投入资金三千余万元，重点支持{subject}相关建设。",
    "“以前想都不敢想，现在日子越过越红火。”{place}的一位村民笑着说。",
    "下一步，{place}将继续聚焦{subject}，补短板、强弱项，让群众有更多获得感。",
    "活动现场，工作人员向群众发放宣传资料两千余份，并耐心解答大家关心的问题。",
    "{place}相关负责人介绍，项目建成后预计可带动周边两千余户农户增收。",
    "近年来，{place}坚持因地制宜，把{subject}作为推动高质量发展的重要抓手。",
    "记者在现场看到，一排排新建的厂房整齐划一，货车往来穿梭，一派繁忙景象。",
    "据统计，全年接待游客超过一百二十万人次，实现旅游综合收入十亿余元。",
    "当天，多家企业现场签约，涉及农产品加工、冷链物流和乡村旅游等领域。",
    # Only the article's own place: a sentence naming fixed counties put 安岳
    # and 乐至 in 40% of all articles, and searches for them matched that many.
    "{place}的特色农产品通过直播带货走出大山，销往全国各地。",
    "专家组一行实地查看了项目建设情况，并对下一步工作提出了具体意见。",
)

COMMENTS = (
    "支持！家乡越来越好了。",
    "这条路终于修好了，回老家方便多了。",
    "希望多报道我们镇上的事情。",
    "柠檬今年价格怎么样？",
    "点赞家乡的建设者！",
    "什么时候能通高铁啊，期待。",
    "小时候常去那里玩，现在变化太大了。",
    "政策好，还要落实好。",
    "去年去过一次，风景确实不错，推荐大家去看看。",
    "学校门口早上很堵，希望有关部门管一管。",
    "作为在外打工的游子，看到家乡发展很欣慰。",
    "文章写得很实在。",
    "请问报名在哪里报？",
    "为家乡代言！",
    "希望医院的挂号能再方便一点。",
)

NICKNAME_PREFIXES = "川中网友 资阳读者 乐至老乡 安岳人 遂宁游子 成都打工人 柠檬之乡 巴蜀读者 天府网友 蜀中过客".split()

SURNAMES = "王 李 张 刘 陈 杨 黄 赵 吴 周 徐 孙 马 朱 胡 郭 何 林 罗 高 汤 唐 邓 曾 彭 蒋 谢 袁 冯 邹".split()
GIVEN_NAMES = "斌 明 静 华 敏 伟 芳 军 磊 洋 勇 艳 杰 娟 涛 超 霞 平 刚 桂英 建国 晓燕 志强 小红 海燕 文杰 丽娟".split()

PROVINCIAL_SOURCES = ("四川日报", "四川经济日报", "四川农村日报", "华西都市报", "川观新闻", "四川广播电视台")

COLUMNS = (
    ("时政", "shizheng"),
    ("经济", "jingji"),
    ("社会", "shehui"),
    ("乡里乡亲", "xiangli"),
    ("文旅", "wenlv"),
    ("图文看点", "tuwen"),
)

EXTRA_TAGS = "民生 教育 医疗 交通 农业 旅游 美食 环保 消防 天气 就业 文化 体育 扶贫 党建".split()
