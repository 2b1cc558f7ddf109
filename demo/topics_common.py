"""News topics that can happen anywhere: templates filled in by ``writer``.

Every article draws its values once and uses them in its title, lead, body
and captions, so a figure reads the same wherever it appears:

- {place} (安岳), {full} (安岳县), {scope} (县), {town}, {month}, {date}
  (“11月3日”, the day of or before publication);
- {person}: the one person the story is about, the same in title and body;
  {someone}: whoever is quoted in a paragraph, new in each paragraph;
- the topic's own ``figures``, each named for what it counts, with a
  plausible range: ``(low, high)`` for whole numbers, ``(low, high, step)``
  for round ones (a figure followed by 余 is round), floats for one decimal
  (1.2亿元, 97.3%).

A title that states a figure or a person comes as ``(title, lead)``: its lead
states them again, as a news lead repeats its headline's facts.
"""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Topic:
    key: str
    column: str  # Column slug
    theme: str  # picture theme in ``images.PALETTES``
    tags: tuple
    titles: tuple  # a title, or (title, the lead that states its figures)
    leads: tuple  # for titles that come without their own lead
    details: tuple
    closings: tuple
    subtitles: tuple = ()
    adcodes: tuple = ()  # empty: any place
    captions: tuple = ("{town}一景", "现场", "{place}街头")
    figures: dict = field(default_factory=dict, hash=False)  # name -> range, drawn once per article


COMMON_TOPICS = (
    Topic(
        "meeting", "shizheng", "meeting", ("会议", "高质量发展", "党建"),
        figures={"meeting_no": (10, 40), "invest_yi": (8.0, 60.0), "target_pct": (80, 96), "speakers": (4, 12)},
        titles=(
            "{place}召开县域经济高质量发展推进会", "{place}部署今冬明春重点工作",
            ("{place}召开第{meeting_no}次常务会议 研究民生实事",
             "{date}，{full}政府召开第{meeting_no}次常务会议，研究教育、医疗、养老等民生实事。"),
            "{place}举行重大项目集中调度会", "{place}专题研究优化营商环境工作",
        ),
        leads=(
            "{date}，{place}召开专题会议，总结前期工作，安排部署下一阶段重点任务。",
            "近日，{place}主要负责同志主持召开会议，听取有关部门工作汇报，研究部署近期重点工作。",
        ),
        details=(
            "会议指出，今年以来全{scope}上下聚焦主责主业，重点项目完成投资{invest_yi}亿元，完成年度目标的{target_pct}%。",
            "会议要求，各级各部门要对照年度目标逐项梳理，倒排工期、挂图作战，确保各项任务按时保质完成。",
            "会上，{speakers}个部门和乡镇作了交流发言，围绕项目推进、要素保障、安全生产等工作提出具体举措。",
        ),
        closings=(
            "会议强调，要坚持以人民为中心，把群众的急难愁盼作为工作的出发点和落脚点。",
            "会议还对安全生产、森林防火和信访稳定等工作作了安排。",
        ),
    ),
    Topic(
        "school", "minsheng", "school", ("教育", "学校", "民生实事"),
        figures={
            "students": (300, 1200, 100), "rooms": (4, 12), "teachers": (120, 900), "seats": (1000, 6000),
            "clubs": (6, 20), "invest_yi": (0.5, 3.0), "projects": (3, 12), "pupils": (2000, 9000, 100), "schools": (5, 20),
        },
        titles=(
            ("{place}{town}新建学校投用 {students}名学生告别大班额",
             "新学期，{place}{town}新建的学校正式投用，{students}名学生从此告别大班额。"),
            "{place}启动“课后服务”提质行动",
            ("{town}中心校新添{rooms}间功能教室",
             "近日，{place}{town}中心校新建的{rooms}间功能教室投入使用，科学、音乐、美术课有了专用场地。"),
            ("{place}{teachers}名乡村教师接受暑期全员培训",
             "暑假期间，{place}组织{teachers}名乡村教师参加全员培训，内容涵盖新课标解读、课堂教学和心理健康教育。"),
            ("{place}今年新增学位{seats}个",
             "记者从{full}教育部门获悉，今年以来当地持续推进义务教育优质均衡发展，新增学位{seats}个。"),
        ),
        subtitles=("让每个孩子在家门口上好学", "——{place}推进义务教育优质均衡发展"),
        leads=(
            "走进{place}{town}的校园，崭新的教学楼、塑胶跑道和明亮的图书室映入眼帘。",
            "记者从{full}教育部门获悉，今年以来当地持续推进义务教育优质均衡发展，新增学位{seats}个。",
        ),
        details=(
            "“以前一个班七八十人，现在五十人左右，老师能照顾到每个孩子。”学生家长{someone}说。",
            "学校配备了科学实验室、音乐室和心理辅导室，开设书法、足球、合唱等{clubs}个兴趣社团。",
            "今年，{place}共投入资金{invest_yi}亿元，实施校舍改扩建项目{projects}个，惠及学生{pupils}余名。",
        ),
        closings=(
            "下一步，{place}将继续加大投入，推动城乡学校结对帮扶，让优质教育资源覆盖更多乡村学校。",
            "据了解，当地还将在{schools}所学校推广“课后服务+兴趣社团”模式。",
        ),
        captions=("学生们在新教室上课", "{town}中心校的课间", "孩子们在操场上活动"),
    ),
    Topic(
        "road", "minsheng", "road", ("交通", "农村公路", "民生实事"),
        figures={
            "km": (3, 18), "villagers": (1000, 9000, 100), "plan_km": (80, 400), "done_pct": (55, 90),
            "cost_wan": (500, 4000), "width_m": (4.5, 7.0), "bus_lines": (2, 6), "villages": (6, 30),
        },
        titles=(
            ("{place}{town}{km}公里乡村公路完工通车",
             "近日，{place}{town}一段长{km}公里的乡村公路完成硬化并正式通车，沿线{villagers}余名群众出行条件明显改善。"),
            "{place}启动城区道路“白改黑”工程",
            ("{place}新开通{bus_lines}条城乡公交线路",
             "{date}，{place}新开通{bus_lines}条城乡公交线路，沿线{villages}个村的群众实现了“家门口坐公交”。"),
            "{town}至城区快速通道建成通车", "{place}农村公路“四好”建设再提速",
        ),
        subtitles=("群众出行更方便了", "通组路修到了家门口"),
        leads=(
            "近日，{place}{town}一段长{km}公里的乡村公路完成硬化并正式通车，沿线{villagers}余名群众出行条件明显改善。",
            "记者从{full}交通运输部门了解到，今年当地计划新改建农村公路{plan_km}公里，目前已完成{done_pct}%。",
        ),
        details=(
            "“以前下雨天满脚泥，现在开车十几分钟就到镇上。”村民{someone}笑着说。",
            "项目总投资约{cost_wan}万元，路面宽{width_m}米，同步配套安防护栏、标志标线和错车道。",
            "公交线路开通后，沿线{villages}个村的群众实现了“家门口坐公交”，票价统一为2元。",
        ),
        closings=(
            "{full}交通运输局相关负责人表示，将加快推进剩余项目建设，力争年底前全部完工。",
            "下一步，当地还将完善路域环境整治和养护机制，让农村公路“建得好”也“管得好”。",
        ),
        captions=("新修的乡村公路", "通车后的{town}道路", "施工人员在铺设沥青"),
    ),
    Topic(
        "flood", "minsheng", "flood", ("防汛", "应急管理", "安全生产"),
        figures={
            "officials": (200, 900, 10), "evacuated": (50, 600), "hazard_points": (8, 30), "teams": (4, 9),
            "drill_people": (100, 400, 10), "risk_sites": (60, 300), "monitors": (200, 1500),
        },
        titles=(
            "{place}开展防汛应急演练 提升实战能力",
            ("强降雨来袭 {place}{officials}余名干部下沉一线",
             "受持续强降雨影响，{place}部分地区出现短时积水。当地迅速启动应急响应，{officials}余名干部下沉一线开展巡查。"),
            ("{place}转移避险群众{evacuated}人 无人员伤亡",
             "受持续强降雨影响，{place}部分地区出现险情。当地提前转移避险群众{evacuated}人，目前无人员伤亡。"),
            ("{town}排查地灾隐患点{hazard_points}处",
             "连日来，{place}{town}组织干部和技术人员开展拉网式排查，共排查地灾隐患点{hazard_points}处。"),
            "{place}组织防汛物资储备检查",
        ),
        leads=(
            "受持续强降雨影响，{place}部分地区出现短时积水。当地迅速启动应急响应，组织力量开展巡查。",
            "为提高应对突发汛情的处置能力，{place}近日在{town}开展防汛抢险综合应急演练。",
        ),
        details=(
            "演练模拟河道水位暴涨、群众被困等场景，消防、民兵、医疗等{teams}支队伍{drill_people}余人参加。",
            "截至目前，全{scope}已排查地质灾害隐患点、山洪易发区{risk_sites}处，落实监测责任人{monitors}名。",
            "各乡镇储备了冲锋舟、救生衣、沙袋等防汛物资，确保“拉得出、用得上”。",
        ),
        closings=(
            "{full}应急管理局提醒，雨天请尽量减少外出，远离河道、边坡等危险区域。",
            "下一步，当地将继续加强值班值守和预警信息发布，确保安全度汛。",
        ),
        captions=("抢险队员在演练中转运物资", "巡查人员检查河堤", "{town}应急演练现场"),
    ),
    Topic(
        "investment", "jingji", "city", ("招商引资", "项目建设", "产业发展"),
        figures={
            "projects": (5, 20), "invest_yi": (20.0, 150.0), "output_yi": (10.0, 80.0), "jobs": (800, 5000),
            "days": (20, 60), "year_projects": (25, 60), "funds_growth_pct": (8, 25),
        },
        titles=(
            ("{place}集中签约{projects}个项目 总投资{invest_yi}亿元",
             "{date}，{place}举行重大项目集中签约仪式，{projects}个项目现场签约，总投资{invest_yi}亿元。"),
            "{place}重大项目建设跑出“加速度”", "{place}{town}新建厂房投产",
            ("{place}赴外开展精准招商 签约项目{projects}个",
             "近日，{place}组织招商小分队赴长三角、珠三角开展精准招商，签约项目{projects}个，总投资{invest_yi}亿元。"),
            ("总投资{invest_yi}亿元 {place}一批重点项目集中开工",
             "{date}，{place}举行重点项目集中开工仪式，{projects}个项目集中开工，总投资{invest_yi}亿元。"),
        ),
        subtitles=("以项目之“进”稳经济之“势”", "——{place}招商引资工作综述"),
        leads=(
            "{date}，{place}举行重大项目集中签约仪式，{projects}个项目现场签约，总投资{invest_yi}亿元。",
            "在{place}{town}的项目现场，塔吊林立、机器轰鸣，建设者们正抢抓工期加紧施工。",
        ),
        details=(
            "签约项目涵盖装备制造、食品加工、现代物流等领域，预计全部投产后年产值可达{output_yi}亿元，带动就业{jobs}人。",
            "为服务项目建设，当地组建了专班，推行“一个项目、一名领导、一套班子”的包联机制。",
            "项目负责人{someone}介绍，从签约到开工只用了{days}天，“审批快、服务好，是我们选择这里的重要原因”。",
        ),
        closings=(
            "今年以来，{place}新签约项目{year_projects}个，到位资金同比增长{funds_growth_pct}%。",
            "下一步，当地将持续优化营商环境，推动签约项目早开工、早投产、早见效。",
        ),
        captions=("项目建设现场", "签约仪式现场", "新投产的生产线"),
    ),
    Topic(
        "revival", "xiangli", "fields", ("乡村振兴", "村集体经济", "农业"),
        figures={"income_wan": (30, 120), "households": (80, 600)},
        titles=(
            "{town}：小院经济“盘活”乡村闲置资源",
            ("{place}{town}村集体经济收入突破{income_wan}万元",
             "在{place}{town}，村里发展特色产业、盘活闲置资产，去年村集体经济收入突破{income_wan}万元。"),
            ("返乡青年{person}：在{town}种出“新希望”",
             "在外打拼多年后，返乡青年{person}回到{place}{town}，流转土地种起了特色果蔬，还带着乡亲们一起干。"),
            "{place}：“党建+合作社”带富一方百姓", "{town}的“积分超市”火了",
        ),
        subtitles=("乡村振兴一线见闻", "——走基层·看变化"),
        leads=(
            "初冬时节，走进{place}{town}，一排排白墙青瓦的农房错落有致，产业园里村民们正忙着管护作物。",
            "在{place}{town}，过去无人问津的闲置农房，如今变成了民宿、农家乐和手工作坊。",
        ),
        details=(
            "村党支部书记{someone}介绍，村里成立专业合作社，吸纳{households}户农户入社，去年村集体经济收入达到{income_wan}万元。",
            "“在家门口就能打工，一个月能挣三千多元，还能照顾老人孩子。”村民{someone}说。",
            "村里还推行“积分制”管理，村民参与环境整治、志愿服务都能攒积分，到积分超市兑换生活用品。",
        ),
        closings=(
            "{full}农业农村局相关负责人表示，将总结推广{town}的经验，因地制宜发展特色产业。",
            "如今，{town}人居环境持续改善，村民的日子越过越红火。",
        ),
        captions=("村民在合作社劳作", "{town}新貌", "整治后的村道"),
    ),
    Topic(
        "harvest", "tuwen", "fields", ("农业", "秋收", "粮食安全"),
        figures={
            "rice_mu": (20000, 60000, 1000), "new_farmland_mu": (10000, 50000, 1000), "farmer_mu": (100, 800),
            "machines": (300, 2000), "machine_pct": (75, 95),
        },
        titles=(
            ("{place}{rice_mu}亩水稻开镰收割",
             "眼下正值收获时节，{place}{rice_mu}亩水稻陆续开镰收割，{town}的田野里收割机来回穿梭，一派繁忙景象。"),
            "镜头里的{town}丰收季", "{place}：秋播进度过半 田间地头忙", "组图｜{town}的金色田野",
            ("{place}高标准农田建设新增{new_farmland_mu}亩",
             "记者从{full}农业农村部门获悉，今年当地高标准农田建设新增{new_farmland_mu}亩，田成方、路相通、渠相连。"),
        ),
        leads=(
            "眼下正值收获时节，{place}{town}的田野里，收割机来回穿梭，到处是一派繁忙景象。",
            "{month}月以来，{place}抢抓晴好天气，组织农机具下田，全力推进秋收秋种。",
        ),
        details=(
            "种粮大户{someone}今年流转土地{farmer_mu}亩，“用上了无人机飞防和烘干机，省心多了”。",
            "据统计，全{scope}已投入各类农机{machines}台套，机收率达{machine_pct}%以上。",
            "当地农技人员深入田间，指导农户做好秸秆还田和冬季田间管理。",
        ),
        closings=(
            "今年，{place}粮食播种面积保持稳定，预计总产量与上年持平略增。",
        ),
        captions=("收割机在田间作业", "农户晾晒新收的稻谷", "{town}的田野", "无人机飞防作业"),
    ),
    Topic(
        "volunteer", "shehui", "festival", ("志愿服务", "文明实践", "社区"),
        figures={"volunteers": (50, 300), "registered": (3000, 30000, 100), "activities": (200, 1500), "years": (8, 20)},
        titles=(
            ("{place}{volunteers}名志愿者走进社区送温暖",
             "周末，{place}{volunteers}名志愿者走进{town}的社区，为居民提供理发、义诊、家电维修等服务。"),
            "{town}志愿服务队：十年坚守为乡邻", "{place}开展“邻里节”活动", "暖心！{place}的哥拾金不昧归还失主",
            ("{town}退休教师{person}义务辅导留守儿童{years}年",
             "每到周末，{place}{town}退休教师{person}家里总会聚起一群孩子。{years}年来，{person}义务为留守儿童辅导功课，分文不取。"),
        ),
        leads=(
            "周末，{place}{town}新时代文明实践站里热闹非凡，志愿者们为居民提供理发、义诊、家电维修等服务。",
            "在{place}{town}，一支平均年龄超过六十岁的志愿服务队，多年来坚持为乡邻做好事。",
        ),
        details=(
            "“每个月都来，大家都熟了，看到老人们开心我们也开心。”志愿者{someone}说。",
            "据了解，{place}现有注册志愿者{registered}余名，今年累计开展志愿服务活动{activities}场次。",
            "活动现场还设置了反诈宣传、垃圾分类等展板，吸引不少居民驻足了解。",
        ),
        closings=(
            "下一步，{place}将持续推进志愿服务项目化、常态化，让文明新风吹进千家万户。",
        ),
        captions=("志愿者为老人理发", "活动现场", "志愿者合影"),
    ),
    Topic(
        "fraud", "shehui", "city", ("反诈", "平安建设", "公安"),
        figures={"saved_wan": (5, 80), "dissuaded": (300, 3000), "frozen_wan": (200, 3000)},
        titles=(
            ("{full}警方成功劝阻一起电信诈骗 保住群众{saved_wan}万元",
             "“幸好民警及时赶到，不然{saved_wan}万元就转出去了。”近日，{place}市民{person}向派出所送来锦旗。"),
            "{place}开展反诈宣传进万家活动", "{town}派出所破获一起网络诈骗案",
            "警惕！{place}近期多发“冒充客服”诈骗", "{full}公安开展冬季治安巡逻",
        ),
        leads=(
            "“幸好民警及时赶到，不然钱就转出去了。”近日，{place}市民{person}向派出所送来锦旗。",
            "为提高群众防范意识，{full}公安近日在{town}开展反诈宣传活动。",
        ),
        details=(
            "民警介绍，诈骗分子冒充电商客服，以“退款理赔”为由诱导受害人下载会议软件，共享屏幕后实施诈骗。",
            "今年以来，{full}公安共劝阻潜在受害人{dissuaded}人次，止付冻结涉案资金{frozen_wan}万元。",
            "民警提醒，凡是要求下载陌生软件、共享屏幕、转账到“安全账户”的，都是诈骗。",
        ),
        closings=(
            "如遇可疑情况，请及时拨打110或全国反诈专线96110。",
        ),
        captions=("民警向群众发放宣传资料", "反诈宣传现场"),
    ),
    Topic(
        "health", "minsheng", "health", ("医疗卫生", "健康", "民生实事"),
        figures={"insured_pct": (95.0, 99.5), "clinics": (3, 12), "checked": (200, 800, 10), "handbooks": (500, 3000), "doctors": (20, 80)},
        titles=(
            "{place}{town}卫生院新添CT设备 群众看病不出镇", "{place}开展“健康义诊进乡村”活动",
            ("{full}城乡居民医保参保率达{insured_pct}%",
             "记者从{full}医疗保障部门获悉，今年全{scope}城乡居民医保参保率达{insured_pct}%，基本实现应保尽保。"),
            ("{place}新建{clinics}个村卫生室投用",
             "近日，{place}新建的{clinics}个村卫生室陆续投用，村民在家门口就能看上病、拿上药。"),
            "三甲专家坐诊{town} 村民家门口看名医",
        ),
        leads=(
            "近日，{place}{town}卫生院新购置的CT设备正式投用，附近群众在家门口就能做检查。",
            "{date}，{place}组织医疗专家走进{town}，为群众免费义诊。",
        ),
        details=(
            "“以前做个检查要跑几十公里，现在在镇上就行，还能直接报销。”患者{someone}说。",
            "活动中，专家为{checked}余名群众测量血压血糖、提供健康咨询，发放健康手册{handbooks}份。",
            "近年来，{place}推进县域医共体建设，{doctors}名县级医院医生定期到乡镇坐诊。",
        ),
        closings=(
            "下一步，当地将继续推动优质医疗资源下沉，让群众小病不出村、常见病不出镇。",
        ),
        captions=("医生为村民测量血压", "义诊现场", "卫生院新设备"),
    ),
    Topic(
        "jobs", "minsheng", "meeting", ("就业", "招聘会", "民生实事"),
        figures={
            "companies": (40, 150), "positions": (2000, 9000), "returnees": (300, 2000), "trainees": (100, 800),
            "new_jobs": (3000, 12000), "transferred": (3000, 20000),
        },
        titles=(
            ("{place}举办春风行动招聘会 提供岗位{positions}个",
             "{date}，{full}就业服务中心举办春风行动专场招聘会，{companies}家企业提供就业岗位{positions}个。"),
            ("{place}{returnees}名返乡人员在家门口就业",
             "记者从{full}人社部门获悉，今年以来当地通过招聘会、就业驿站等渠道，帮助{returnees}名返乡人员在家门口就业。"),
            ("{place}开展免费技能培训 学员{trainees}人",
             "近日，{place}免费技能培训班开班，学员{trainees}人，学习电工、焊工、家政、电商直播等技能。"),
            "{town}就业驿站开张 岗位信息“码”上看",
        ),
        leads=(
            "{date}，{full}就业服务中心举办专场招聘会，{companies}家企业提供就业岗位{positions}个。",
            "在{place}{town}新设的就业驿站，求职者扫一扫二维码，就能查看附近的岗位信息。",
        ),
        details=(
            "招聘岗位涵盖制造、电商、家政、餐饮等行业，月薪在3000元至8000元之间。",
            "求职者{someone}当场和一家企业达成意向：“离家近，待遇也不错，明天就去上班。”",
            "当地还为求职者提供政策咨询、职业指导和社保办理等“一站式”服务。",
        ),
        closings=(
            "今年以来，{place}城镇新增就业{new_jobs}人，帮助农村劳动力转移就业{transferred}人。",
        ),
        captions=("招聘会现场", "求职者在咨询岗位"),
    ),
    Topic(
        "river", "shizheng", "river", ("河长制", "生态环境", "沱江"),
        figures={"patrols": (2000, 15000), "problems": (50, 400), "pipe_km": (10, 60), "plants": (3, 12)},
        titles=(
            "{place}：河长巡河常态化 沱江支流水质持续向好", "{place}开展河道清漂专项行动", "{town}湿地公园成市民休闲好去处",
            "{place}国考断面水质稳定达标",
        ),
        leads=(
            "清晨，{place}{town}的河畔，河长{person}带着巡河员沿岸巡查，查看水质、清理垃圾。",
            "记者从{full}生态环境部门获悉，今年以来当地主要河流水质持续改善。",
        ),
        details=(
            "今年以来，全{scope}各级河长累计巡河{patrols}人次，发现并整改问题{problems}个。",
            "当地实施污水管网改造{pipe_km}公里，新建乡镇污水处理设施{plants}座。",
            "“河水清了，鱼也多了，晚上来河边散步的人越来越多。”附近居民{someone}说。",
        ),
        closings=(
            "下一步，{place}将继续深化河湖长制，守护好一江清水。",
        ),
        captions=("河长巡河", "整治后的河道", "{town}湿地公园"),
    ),
    Topic(
        "festival", "wenlv", "festival", ("文旅", "节庆", "乡村旅游"),
        figures={"edition": (2, 15), "heritage": (8, 30), "routes": (3, 10), "visitors_wan": (3, 30), "income_wan": (800, 9000)},
        titles=(
            ("{place}第{edition}届乡村文化旅游节开幕",
             "{date}，{place}第{edition}届乡村文化旅游节在{town}开幕，吸引了大批游客前来打卡。"),
            "周末去哪儿？{town}的农家乐火了",
            ("{place}举办非遗展演 {heritage}个项目集中亮相",
             "{date}，{place}非遗展演在{town}举行，舞龙舞狮、川剧变脸、竹编技艺等{heritage}个项目集中亮相。"),
            ("{place}推出{routes}条冬季文旅精品线路",
             "近日，{place}发布{routes}条冬季文旅精品线路，串起古镇、温泉、农家乐和非遗体验点。"),
            "{town}古镇夜游开街",
        ),
        subtitles=("文旅融合点亮乡村", "——{place}乡村旅游见闻"),
        leads=(
            "{date}，{place}第{edition}届乡村文化旅游节在{town}开幕，吸引了大批游客前来打卡。",
            "周末的{place}{town}，古街上人头攒动，游客们品美食、看非遗，感受浓浓的乡土气息。",
        ),
        details=(
            "活动期间，舞龙舞狮、川剧变脸、竹编技艺等{heritage}个非遗项目轮番亮相。",
            "来自成都的游客{someone}说：“坐高铁一个小时就到了，风景好，东西也实惠。”",
            "据统计，节会期间共接待游客{visitors_wan}万人次，实现旅游综合收入{income_wan}万元。",
        ),
        closings=(
            "下一步，{place}将深挖本地文化资源，打造更多文旅消费新场景。",
        ),
        captions=("节会现场", "游客在古街游览", "非遗表演"),
    ),
)  # fmt: skip
