"""The fixed cast of the demo: accounts, sources, authors, columns, readers."""

# bandit: the documented password of the local demo accounts.
DEMO_PASSWORD = "newsportal-demo"  # nosec B105

# username, group name (None for the superuser), what the account is for
ACCOUNTS = (
    ("admin", None, "超级管理员：全部后台功能"),
    ("editor", "编辑", "编辑：审核、发布、推荐头条、撤稿"),
    ("journalist", "记者", "记者：撰写稿件、上传图片、提交审核"),
    ("moderator", "审核员", "审核员：处理评论和举报、维护敏感词"),
)

# A reader's account (会员中心): mobile number, nickname; password DEMO_PASSWORD.
DEMO_READER = ("13800000000", "柠檬读者")

JOURNALIST_AUTHOR = ("李想", "川中地方网")

SOURCES = (
    ("四川经济日报", "https://www.scjjrb.com/"),
    ("四川日报", "https://www.scdaily.cn/"),
    ("川报观察", "https://cbgc.scol.com.cn/"),
    ("资阳日报", ""),
    ("雁江区融媒体中心", ""),
    ("安岳县融媒体中心", ""),
    ("乐至县融媒体中心", ""),
)

# name, affiliation (a source name above), does photography
AUTHORS = (
    ("汤斌", "四川经济日报", True),
    ("王雪梅", "四川经济日报", False),
    ("张立东", "四川日报", False),
    ("邓晓", "川报观察", True),
    ("刘洋", "资阳日报", False),
    ("陈静", "资阳日报", False),
    ("周涛", "资阳日报", True),
    ("胡晓燕", "雁江区融媒体中心", False),
    ("谢军", "雁江区融媒体中心", True),
    ("蒋琳", "安岳县融媒体中心", False),
    ("黄鹏", "安岳县融媒体中心", True),
    ("罗丹", "乐至县融媒体中心", False),
    ("唐伟", "乐至县融媒体中心", True),
)

# Desk editors who sign as 编辑; they work for the site itself.
DESK_EDITORS = (("何佳", "川中地方网"), ("赵敏", "川中地方网"))

# name, slug, description
COLUMNS = (
    ("时政", "shizheng", "党政要闻、会议动态和政策解读。"),
    ("社会", "shehui", "身边的人和事，社会新闻。"),
    ("经济", "jingji", "产业、项目、招商和市场。"),
    ("乡里乡亲", "xiangli", "乡村振兴路上的普通人和新鲜事。"),
    ("图文看点", "tuwen", "用镜头记录家乡。"),
    ("文旅", "wenlv", "景区、节会、非遗和美食。"),
    ("民生", "minsheng", "教育、医疗、就业、交通和住房。"),
)

READER_NICKNAMES = (
    "资阳老张", "柠檬小妹", "乐至游子", "沱江边的风", "安岳石刻迷", "雁江居民", "川中老农", "在成都打工的乐至人",
    "蓝天白云", "热心网友", "九曲河晨跑", "帅乡后人", "岳阳镇老李", "童家小王", "宝台的桔子", "临空新居民",
    "小城故事", "回澜人", "天池湖畔", "资中邻居", "退休教师陈老师", "周礼柠檬农", "老乡", "路过看看",
    "雨后彩虹", "家乡味道", "通贤小学家长", "石羊赶场人", "劳动镇的娃", "南津驿", "资阳吃货", "一只柠檬",
)  # fmt: skip

APPROVED_BODIES = (
    "家乡越来越好了，点赞！", "{place}加油！在外打工的也为家乡骄傲。", "这个好，希望多办实事。",
    "上周刚回去看了，变化确实大。", "希望能坚持下去，不要一阵风。", "我们村也在搞，效果不错。",
    "图片拍得真好看，想回家了。", "记者辛苦了，报道很详细。", "支持！老百姓得实惠才是真的好。",
    "什么时候能通到我们那边？期待。", "上次去{town}玩了一趟，推荐大家去看看。", "为一线的工作人员点赞。",
    "有没有具体的报名方式？想了解一下。", "小时候就在那边长大，看到好亲切。", "给{place}打call！",
)  # fmt: skip
REPLY_BODIES = (
    "同感！", "说得对，我们那边也是这样。", "可以打县里的便民热线问问。", "周末一起去看看？",
    "楼上说得好。", "我也是{place}人，握手！",
)  # fmt: skip
PENDING_BODIES = (
    "请问具体地址在哪里？", "希望相关部门关注一下我们小区的停车问题。", "文章里的数字能再核实一下吗？",
    "路修好了，但路灯还没装。", "什么时候开始报名？",
)  # fmt: skip
REJECTED_BODIES = (
    "全是摆拍，没意思。", "小编是不是收了好处？", "跟我有什么关系", "这种新闻也发？？？", "呵呵",
)  # fmt: skip
SPAM_BODIES = (
    "兼职日结三百，加微信 zy8888 详聊", "低价代开各类发票，联系 QQ 123456789", "点击领取免费流量 http://spam.example",
    "高价回收购物卡，微信同号", "正品名表一折起，私聊",
)  # fmt: skip

SURNAMES = "张王李刘陈杨黄赵周吴徐孙马胡朱郭何罗高林唐蒋谢邓曾彭"
GIVEN_NAMES = (
    "建国", "志强", "秀英", "丽", "明", "伟", "芳", "军", "勇", "静", "海燕", "春华", "德明", "国平", "晓东",
    "红梅", "玉兰", "光荣", "永福", "小凤", "成林", "大伟", "文杰", "桂芳",
)  # fmt: skip
