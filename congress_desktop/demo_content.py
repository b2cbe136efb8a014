"""A realistic, entirely fictional demo session: 江屿市第十七届人民代表大会第二次会议.

:func:`build_demo_content` returns the session (sittings, delegations, delegates, agenda,
motions, notices) as plain data and writes its twelve Chinese PDF documents into a work
directory. Everything is deterministic (seeded): the same arguments give the same people, the
same text and byte-identical PDFs. Writing the PDFs is the only slow part, so a manifest in the
work directory remembers what was written and an unchanged document is not typeset again.

江屿市, its districts, companies and people are invented; any likeness is a coincidence.

Every demo delegate's PIN is :data:`DEMO_PIN` ("123456").
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import random
import re
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from congress_desktop import pdfgen
from congress_desktop.model import Classification
from congress_desktop.pdfgen import (
    Block,
    DocumentSpec,
    Heading,
    NumberedList,
    PageBreak,
    Para,
    Table,
    chinese_number,
)

log = logging.getLogger(__name__)

DEMO_PIN = "123456"
"""The PIN of every demo delegate."""

CONTENT_VERSION = 1
"""Bump when the generated text or layout changes: cached PDFs are then written again."""

SEED = 20250108
CITY = "江屿"
SESSION_TITLE = f"{CITY}市第十七届人民代表大会第二次会议"
SHORT_TITLE = "市十七届人大二次会议"
VENUE = f"{CITY}市人民会堂"
STARTS_ON = dt.date(2025, 1, 8)
ENDS_ON = dt.date(2025, 1, 11)
LOCAL = dt.timezone(dt.timedelta(hours=8), "CST")
MANIFEST = ".demo-manifest.json"

# --------------------------------------------------------------------------- the contract


@dataclass(frozen=True)
class DemoDelegate:
    number: str  # 代表证号, "0001"
    name: str
    delegation: str
    unit: str  # 工作单位及职务
    badge_id: str
    pin: str


@dataclass(frozen=True)
class DemoSitting:
    number: int
    title: str
    starts_at: dt.datetime  # UTC


@dataclass(frozen=True)
class DemoAgendaItem:
    position: int
    title: str
    description: str
    presenter: str
    starts_at: dt.datetime | None  # UTC


@dataclass(frozen=True)
class DemoDocument:
    title: str
    path: Path
    classification: str  # a Classification value
    agenda_position: int | None


@dataclass(frozen=True)
class DemoMotion:
    number: int
    title: str
    lead_number: str
    cosigner_numbers: list[str]
    cause: str  # 案由
    grounds: str  # 案据
    proposal: str  # 方案


@dataclass(frozen=True)
class DemoNotice:
    title: str
    body: str


@dataclass(frozen=True)
class DemoContent:
    title: str
    short_title: str
    venue: str
    starts_on: dt.date
    ends_on: dt.date
    sittings: list[DemoSitting]
    delegations: list[str]
    delegates: list[DemoDelegate]
    agenda: list[DemoAgendaItem]
    documents: list[DemoDocument]
    motions: list[DemoMotion]
    notices: list[DemoNotice]


# --------------------------------------------------------------------------- word lists

DISTRICTS = ["澄湖区", "望海区", "南屿区", "北岭区", "新港区", "凤栖区", "云溪县", "桐川县"]
STREETS = [
    "湖滨",
    "望江",
    "青禾",
    "临海",
    "松涛",
    "凤鸣",
    "云台",
    "桐溪",
    "港湾",
    "石榴",
    "澜山",
    "柳岸",
]
ROADS = ["滨江大道", "海澜路", "屿山路", "北环路", "迎宾大道", "科创路", "凤栖路", "沿海大道"]
COMPANIES = [
    "江屿港务集团", "江屿城市建设投资集团", "江屿海洋装备有限公司", "江屿新能源科技有限公司",
    "江屿生物医药有限公司", "江屿水务集团", "江屿农业发展集团", "江屿智能制造有限公司",
    "江屿文化旅游集团", "江屿交通投资集团", "江屿数据科技有限公司", "江屿新材料股份有限公司",
]  # fmt: skip
SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾萧田董潘袁蔡蒋余于杜叶程"
    "魏苏吕丁任卢姚沈钟姜崔谭陆范汪廖石金韦贾夏付方邹熊白孟秦邱侯江尹薛闫段雷龙黎史陶贺毛郝顾"
)
GIVEN = (
    "伟芳娜敏静丽强磊军洋勇艳杰涛明超秀霞平刚桂英华玉兰建国文辉力鹏飞红梅晓燕志宏海峰春雪琳"
    "宁波婷欣怡浩宇子涵俊杰雨萱嘉颖思远振东立新慧敏守正雅琴德胜晨曦云鹤学良书瑶家豪承恩昊天"
)
UNITS = [
    "{d}人民政府{d_head}", "{d}{street}街道党工委书记", "{d}{street}社区党委书记、居委会主任",
    "{company}董事长", "{company}总经理", "{company}高级工程师", "{company}一线职工",
    "江屿大学{dept}教授", "江屿市第一人民医院{ward}主任医师", "江屿市中心医院护士长",
    "江屿市第{k}中学校长", "{d}实验小学教师", "{d}{street}村党支部书记、村委会主任",
    "{d}{street}农民专业合作社理事长", "江屿市律师协会副会长", "江屿市总工会副主席",
    "江屿市妇女联合会主席", "{d}人民法院院长", "{d}人民检察院检察长", "江屿市个体劳动者协会会长",
    "{d}{street}镇人民政府镇长", "江屿海关关长", "江屿市工商业联合会副主席", "{d}卫生健康局局长",
]  # fmt: skip
DEPTS = ["海洋科学学院", "经济管理学院", "法学院", "计算机学院", "材料学院", "医学院"]
WARDS = ["心内科", "儿科", "急诊科", "骨科", "呼吸与危重症医学科", "全科医学科"]


_VERBS = (  # sentences that already start with a verb
    "面对", "坚持", "推进", "推动", "深化", "实施", "开展", "严格", "全面", "常态化",
    "驰而不息", "认真", "加强", "巩固", "依法", "落实", "设立", "组织", "建立", "首次",
    "听取", "督办", "完成", "新建", "举办", "推出", "培育", "引进", "制定", "出台",
    "改造", "筹集", "对",
)  # fmt: skip


class Text:
    """Deterministic filler for templates: ``{D}`` district, ``{S}`` street, ``{R}`` road,
    ``{C}`` company, ``{X}`` law, ``{N:a-b}`` integer, ``{F:a-b}`` one decimal,
    ``{P:a-b}`` percent."""

    _slot = re.compile(r"\{([A-Z])(?::(\d+)-(\d+))?\}")

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def fill(self, template: str) -> str:
        return self._slot.sub(self._value, template)

    def _value(self, m: re.Match[str]) -> str:
        kind, lo, hi = m.group(1), m.group(2), m.group(3)
        r = self.rng
        if kind == "D":
            return r.choice(DISTRICTS)
        if kind == "S":
            return r.choice(STREETS)
        if kind == "R":
            return r.choice(ROADS)
        if kind == "C":
            return r.choice(COMPANIES)
        if kind == "X":
            return r.choice(LAW_NAMES)
        a, b = int(lo or 1), int(hi or 100)
        if kind == "N":
            return str(r.randint(a, b))
        if kind == "F":
            return f"{r.uniform(a, b):.1f}"
        if kind == "P":
            return f"{r.uniform(a, b):.1f}%"
        raise ValueError(f"unknown slot {m.group(0)}")

    def paragraph(
        self, bank: Sequence[str], lo: int = 3, hi: int = 6, lead: str = "", *, plan: bool = False
    ) -> str:
        """``lo``..``hi`` different sentences of ``bank``; ``plan`` turns them into goals."""
        picks = self.rng.sample(list(bank), min(len(bank), self.rng.randint(lo, hi)))
        sentences = [self.fill(t) for t in picks]
        if plan:  # a result becomes a goal; a sentence that starts with a verb stays as it is
            sentences = [
                s if s.startswith(_VERBS) else self.rng.choice(("力争", "确保", "推动")) + s
                for s in sentences
            ]
        return lead + "".join(sentences)


# --------------------------------------------------------------------------- sentence banks

BANKS: dict[str, list[str]] = {
    "economy": [
        "全市地区生产总值达到{N:3100-3400}亿元，同比增长{P:4-7}。",
        "一般公共预算收入完成{F:260-320}亿元，其中税收收入占比提高到{P:70-80}。",
        "规模以上工业增加值增长{P:5-9}，固定资产投资增长{P:3-8}，社会消费品零售总额增长{P:4-7}。",
        "外贸进出口总额突破{N:1200-1500}亿元，跨境电商进出口额增长{P:15-40}。",
        "城镇调查失业率控制在{P:4-5}以内，居民消费价格涨幅保持在{P:0-2}。",
        "城乡居民人均可支配收入分别增长{P:4-6}和{P:6-8}，城乡收入差距继续缩小。",
        "新增市场主体{N:4-9}万户，民营经济增加值占全市比重提高到{P:55-62}。",
        "金融机构本外币存贷款余额分别增长{P:7-11}和{P:8-12}，制造业中长期贷款增长{P:20-35}。",
        "面对需求收缩、供给冲击、预期转弱的压力，我们坚持稳中求进，经济回升向好态势持续巩固。",
        "{D}等区县地区生产总值增速位居全市前列，县域经济综合实力明显增强。",
    ],
    "industry": [
        "海洋装备、新能源、生物医药三大主导产业集群产值突破{N:1500-2100}亿元。",
        "{C}年产{N:10-60}万吨高端材料项目建成投产，新增产值{N:30-90}亿元。",
        "实施“智改数转”项目{N:200-480}个，建成智能工厂{N:12-30}家、数字化车间{N:60-150}个。",
        "新增国家级专精特新“小巨人”企业{N:8-20}家、省级专精特新中小企业{N:60-140}家。",
        "{D}临港产业园完成基础设施投资{F:10-40}亿元，落户亿元以上项目{N:10-40}个。",
        "推动传统产业高端化、智能化、绿色化改造，技改投资增长{P:10-25}。",
        "现代服务业增加值增长{P:5-9}，软件和信息技术服务业营业收入增长{P:12-25}。",
        "港口货物吞吐量达到{N:2-3}亿吨，集装箱吞吐量突破{N:300-500}万标准箱。",
        "全年引进内外资项目{N:300-600}个，实际使用外资{F:8-20}亿美元。",
    ],
    "innovation": [
        "全社会研究与试验发展经费投入强度达到{F:2-3}%，高新技术企业总数突破{N:1800-2600}家。",
        "江屿湾实验室正式运行，集聚科研人员{N:300-900}名，承担国家和省级重大科研任务{N:10-40}项。",
        "新建市级以上研发机构{N:40-120}家，技术合同成交额增长{P:15-35}。",
        "实施“屿才计划”，引进高层次人才团队{N:30-80}个，新增高技能人才{N:1-3}万人。",
        "科技成果转化基金规模扩大到{N:20-50}亿元，撬动社会资本投入{N:60-150}亿元。",
        "{C}牵头的海洋传感器攻关项目取得突破，打破国外长期垄断。",
        "每万人高价值发明专利拥有量达到{F:12-25}件，居全省前列。",
    ],
    "reform": [
        "深化“放管服”改革，政务服务事项{P:95-99}实现“一网通办”，企业开办时间压缩至{N:1-2}个工作日。",
        "出台优化营商环境“{N:20-40}条”，惠企政策“免申即享”兑现资金{F:5-20}亿元。",
        "完成市属国有企业战略性重组{N:2-6}户，国有资本向主业集中度提高到{P:80-90}。",
        "深化财政预算管理改革，全面实施预算绩效管理，压减一般性支出{P:5-10}。",
        "推进综合行政执法改革，“综合查一次”覆盖{N:20-40}个领域，减少入企检查{P:30-50}。",
        "农村集体产权制度改革持续深化，村级集体经济收入全部超过{N:20-50}万元。",
        "开展要素市场化配置改革试点，盘活低效用地{N:3000-9000}亩。",
    ],
    "urban": [
        "地铁{N:2-4}号线一期工程全面开工，{R}快速化改造主线建成通车。",
        "新建改造城市道路{N:60-140}公里，打通断头路{N:15-40}条，新增公共停车泊位{N:1-3}万个。",
        "改造城镇老旧小区{N:120-260}个、惠及居民{N:3-8}万户，加装电梯{N:300-900}部。",
        "实施城市更新项目{N:40-90}个，{D}{S}片区更新改造基本完成。",
        "新建城市公园和口袋公园{N:20-60}个，城市绿道总长度达到{N:600-900}公里。",
        "完成雨污分流改造{N:100-300}公里，城市内涝积水点全部消除。",
        "城市燃气管道老化更新改造{N:100-300}公里，城市生命线安全工程覆盖主城区。",
        "{D}综合交通枢纽投入使用，公交分担率提高到{P:40-50}。",
    ],
    "rural": [
        "粮食播种面积稳定在{N:100-130}万亩，总产量{F:40-60}万吨，实现“{N:15-20}连丰”。",
        "新建高标准农田{N:5-12}万亩，农业科技进步贡献率达到{P:65-72}。",
        "培育省级以上农业产业化龙头企业{N:5-20}家，农产品加工业产值增长{P:6-10}。",
        "建成和美乡村示范村{N:30-80}个，农村卫生厕所普及率达到{P:95-99}。",
        "{D}{S}村发展海洋牧场和休闲渔业，村集体经营性收入突破{N:100-300}万元。",
        "农村公路新改建{N:150-400}公里，城乡公交一体化覆盖率达到100%。",
        "巩固拓展脱贫攻坚成果，防止返贫动态监测帮扶机制有效运行。",
    ],
    "ecology": [
        "细颗粒物平均浓度降至每立方米{N:22-30}微克，空气质量优良天数比率达到{P:88-94}。",
        "国控、省控断面水质优良比例保持{P:90-100}，近岸海域优良水质比例提高到{P:80-90}。",
        "完成海岸线生态修复{N:10-30}公里，新增造林绿化面积{N:1-3}万亩。",
        "单位地区生产总值能耗下降{P:2-4}，新能源装机容量突破{N:300-600}万千瓦。",
        "推进生活垃圾分类，城市生活垃圾回收利用率达到{P:40-50}。",
        "严格落实河湖长制，{D}澜溪流域综合治理工程通过验收。",
        "建成“无废城市”细胞{N:200-500}个，工业固体废物综合利用率达到{P:90-96}。",
    ],
    "education": [
        "新建改扩建中小学、幼儿园{N:20-50}所，新增学位{N:1-3}万个。",
        "普惠性幼儿园覆盖率达到{P:90-96}，义务教育集团化办学覆盖率达到{P:60-80}。",
        "江屿大学海洋学科入选省一流学科建设名单，新增博士学位授权点{N:1-4}个。",
        "职业院校与{N:100-300}家企业开展订单式培养，毕业生本地就业率达到{P:70-85}。",
        "“双减”政策落实落细，课后服务实现义务教育学校全覆盖。",
        "全年新增城镇就业{N:6-10}万人，高校毕业生就业去向落实率保持在{P:90-96}。",
    ],
    "health": [
        "市第一人民医院新院区建成启用，新增床位{N:800-1500}张。",
        "紧密型县域医共体实现全覆盖，基层医疗卫生机构诊疗量占比提高到{P:55-65}。",
        "居民电子健康档案建档率达到{P:90-97}，家庭医生签约服务覆盖{N:100-200}万人。",
        "新建社区嵌入式托育机构{N:20-60}个，每千人口拥有3岁以下婴幼儿托位达到{F:3-5}个。",
        "建成区域医疗中心{N:2-4}个，胸痛、卒中、创伤等急诊急救中心实现区县全覆盖。",
        "人均预期寿命达到{F:80-82}岁，主要健康指标保持全省前列。",
    ],
    "social": [
        "城乡居民基本养老保险基础养老金月人均提高{N:10-30}元，基本医疗保险参保率稳定在{P:97-99}。",
        "新建社区养老服务综合体{N:10-30}个，长者食堂{N:60-150}家，助餐服务惠及{N:2-6}万名老人。",
        "筹集保障性租赁住房{N:5000-12000}套（间），为新市民、青年人提供租住保障。",
        "城乡低保标准提高到每人每月{N:900-1100}元，困难群众基本生活得到有效保障。",
        "建成“15分钟便民生活圈”{N:40-90}个，社区综合服务设施覆盖率达到100%。",
        "开展职业技能培训{N:5-12}万人次，新增技能人才{N:1-3}万人。",
        "退役军人服务保障体系不断健全，双拥工作实现省级双拥模范城“{N:5-9}连冠”。",
    ],
    "culture": [
        "市图书馆新馆、城市规划展览馆建成开放，公共文化设施免费开放率达到100%。",
        "举办江屿海洋文化节等重大节会活动{N:20-50}场，接待游客{N:3000-5000}万人次。",
        "{D}古渔村保护利用工程完成，新增国家级非物质文化遗产代表性项目{N:1-3}项。",
        "全民健身设施持续完善，人均体育场地面积达到{F:2-3}平方米。",
        "推出“屿见江屿”文旅品牌，旅游总收入增长{P:10-25}。",
    ],
    "safety": [
        "安全生产事故起数和死亡人数分别下降{P:10-25}和{P:8-20}，未发生较大以上事故。",
        "开展安全生产治本攻坚三年行动，整改重大事故隐患{N:100-400}项。",
        "食品药品安全抽检合格率保持在{P:97-99}，创建国家食品安全示范城市通过验收。",
        "常态化开展扫黑除恶斗争，刑事案件立案数下降{P:5-15}，群众安全感达到{P:97-99}。",
        "完成防汛防台应急预案修订，建成市级应急物资储备库{N:2-5}个。",
        "信访工作法治化深入推进，初次信访事项一次性化解率达到{P:85-95}。",
    ],
    "government": [
        "坚持依法行政，提请市人大常委会审议地方性法规草案{N:2-5}件，制定修订政府规章{N:2-6}件。",
        "认真办理人大代表建议{N:400-600}件、政协委员提案{N:500-700}件，办复率100%。",
        "严格落实过紧日子要求，“三公”经费支出下降{P:3-10}。",
        "深化政务公开，主动公开政府信息{N:1-3}万条，“12345”热线办结率达到{P:97-99}。",
        "驰而不息纠治“四风”，为基层减负，精简文件会议{P:15-30}。",
        "加强审计监督和统计监督，整改审计发现问题{N:100-300}个。",
    ],
}

PLAN_2025 = [
    "地区生产总值增长5.5%左右",
    "一般公共预算收入增长5%左右",
    "固定资产投资增长5%",
    "社会消费品零售总额增长6%",
    "城镇调查失业率控制在5.5%以内",
    "居民人均可支配收入增长与经济增长基本同步",
    "居民消费价格涨幅3%左右",
    "单位地区生产总值能耗完成省下达目标",
]


# --------------------------------------------------------------------------- people


def _person_names(rng: random.Random, count: int, taken: set[str]) -> list[str]:
    names: list[str] = []
    while len(names) < count:
        surname = rng.choice(SURNAMES)
        given = rng.choice(GIVEN) + (rng.choice(GIVEN) if rng.random() < 0.7 else "")
        name = surname + given
        if name not in taken and given[0] != surname:
            taken.add(name)
            names.append(name)
    return names


def _unit(rng: random.Random, district: str) -> str:
    template = rng.choice(UNITS)
    head = "县长" if district.endswith("县") else "区长"
    return template.format(
        d=district,
        d_head=head,
        street=rng.choice(STREETS),
        company=rng.choice(COMPANIES),
        dept=rng.choice(DEPTS),
        ward=rng.choice(WARDS),
        k=chinese_number(rng.randint(1, 12)),
    )


def _delegates(rng: random.Random, count: int, officials: set[str]) -> list[DemoDelegate]:
    delegations = [f"{d}代表团" for d in DISTRICTS]
    # bigger districts send more delegates; every delegation gets at least one
    weights = [1.4, 1.2, 1.1, 1.0, 1.3, 0.9, 0.8, 0.7]
    sizes = [1] * len(DISTRICTS)
    for _ in range(count - len(DISTRICTS)):
        sizes[rng.choices(range(len(DISTRICTS)), weights)[0]] += 1
    names = _person_names(rng, count, set(officials))
    badges: set[str] = set()
    out: list[DemoDelegate] = []
    for delegation, district, size in zip(delegations, DISTRICTS, sizes, strict=True):
        for _ in range(size):
            badge = f"{rng.getrandbits(40):010X}"
            while badge in badges:
                badge = f"{rng.getrandbits(40):010X}"
            badges.add(badge)
            out.append(
                DemoDelegate(
                    number=f"{len(out) + 1:04d}",
                    name=names[len(out)],
                    delegation=delegation,
                    unit=_unit(rng, district),
                    badge_id=badge,
                    pin=DEMO_PIN,
                )
            )
    return out


BANKS.update(
    {
        "npc": [
            "常委会全年召开会议{N:8-12}次，审议法规草案和工作报告{N:30-50}项，作出决议决定{N:10-20}件。",
            "制定《{X}》等地方性法规{N:3-6}件，审查批准{D}报批的单行规定{N:1-2}件。",
            "听取审议市人民政府关于生态环境状况和环境保护目标完成情况的报告，开展专题询问。",
            "组织开展《江屿市优化营商环境条例》执法检查，推动解决问题{N:20-60}个。",
            "首次对国有资产管理情况综合报告开展满意度测评，推动国有资产管理提质增效。",
            "建成“家站点”代表履职平台{N:200-400}个，组织代表进家站点接待群众{N:1-3}万人次。",
            "设立基层立法联系点{N:10-25}个，收集立法意见建议{N:800-2000}条，{N:100-300}条被采纳。",
            "督办代表建议{N:400-600}件，重点督办建议{N:10-20}件，代表满意和基本满意率达到{P:97-100}。",
            "依法任免国家机关工作人员{N:60-120}人次，组织宪法宣誓{N:5-12}场。",
            "备案审查规范性文件{N:40-90}件，督促制定机关修改废止{N:2-8}件。",
        ],
        "court": [
            "全年受理各类案件{N:150000-190000}件，审结{N:140000-180000}件，结案率{P:94-98}。",
            "审结刑事案件{N:5000-8000}件，判处罪犯{N:6000-9000}人，依法严惩危害群众安全犯罪。",
            "审结民商事案件{N:90000-120000}件，标的额{N:300-600}亿元，平等保护各类市场主体。",
            "审结行政案件{N:2000-4000}件，行政机关负责人出庭应诉率达到100%。",
            "执行到位金额{N:80-160}亿元，有财产可供执行案件法定期限内执结率{P:96-99}。",
            "诉前调解成功纠纷{N:20000-40000}件，万人成讼率下降{P:5-12}。",
            "设立{D}海事巡回审判点，妥善审理海上运输、船舶碰撞等涉海案件{N:300-800}件。",
            "推进“一站式”诉讼服务，网上立案率达到{P:80-92}，跨域立案平均用时{N:10-30}分钟。",
            "坚持司法为民，为困难当事人缓减免诉讼费{N:500-2000}万元，发放司法救助金{N:300-900}万元。",
        ],
        "procuratorate": [
            "全年批准逮捕各类犯罪嫌疑人{N:2000-3500}人，提起公诉{N:6000-9000}人。",
            "认罪认罚从宽制度适用率保持在{P:88-95}，量刑建议采纳率{P:95-99}。",
            "办理公益诉讼案件{N:400-900}件，督促修复受损海岸线和林地{N:50-300}亩。",
            "开展民事、行政诉讼监督，提出抗诉和再审检察建议{N:40-120}件。",
            "依法惩治破坏营商环境犯罪，起诉职务侵占、非法集资等犯罪{N:100-300}人。",
            "落实未成年人保护“一号检察建议”，开展法治进校园活动{N:100-300}场。",
            "对{N:200-500}件群众信访件做到“7日内程序回复、3个月内办理过程或结果答复”。",
            "深化检察听证，公开听证案件{N:300-700}件，邀请人大代表参加{N:400-900}人次。",
        ],
        "budget": [
            "全市一般公共预算收入{F:280-320}亿元，完成预算的{P:100-104}，增长{P:3-7}。",
            "全市一般公共预算支出{F:520-600}亿元，民生支出占比保持在{P:75-80}。",
            "政府性基金预算收入{F:180-260}亿元，主要是国有土地使用权出让收入。",
            "国有资本经营预算收入{F:8-20}亿元，调入一般公共预算比例提高到{P:30-35}。",
            "争取新增政府专项债券{F:60-120}亿元，支持重大项目{N:80-160}个。",
            "市级“三保”支出足额保障，政府债务风险总体可控，债务率处于安全区间。",
            "统筹资金{F:10-30}亿元支持科技创新，设立产业发展引导基金子基金{N:10-30}支。",
            "全面实施预算绩效管理，市级部门项目绩效目标覆盖率达到100%。",
        ],
    }
)

LAW_NAMES = [
    "江屿市海岸带保护条例",
    "江屿市养老服务促进条例",
    "江屿市城市绿化条例",
    "江屿市电动自行车管理条例",
    "江屿市文明行为促进条例",
    "江屿市澜溪流域保护条例",
]

OFFICIALS = {
    "mayor": "周明远",
    "ndrc": "陈立新",
    "finance": "刘雅琴",
    "npc": "王守正",
    "court": "赵慧敏",
    "procurator": "孙建军",
}


# --------------------------------------------------------------------------- schedule


def demo_start_date() -> dt.date:
    """The demo session opens today (local UTC+8 date), so its first sitting is the live one."""
    return dt.datetime.now(LOCAL).date()


def _local(start: dt.date, day: int, hour: int, minute: int = 0) -> dt.datetime:
    """UTC time of a local (UTC+8) clock time on the ``day``-th day of the session (0-based)."""
    date = start + dt.timedelta(days=day)
    return dt.datetime(date.year, date.month, date.day, hour, minute, tzinfo=LOCAL).astimezone(
        dt.UTC
    )


def _sittings(start: dt.date) -> list[DemoSitting]:
    return [
        DemoSitting(1, "第一次全体会议", _local(start, 0, 9)),
        DemoSitting(2, "第二次全体会议", _local(start, 1, 9)),
        DemoSitting(3, "第三次全体会议（闭幕会）", _local(start, 3, 9)),
    ]


def _agenda(start: dt.date) -> list[DemoAgendaItem]:
    o = OFFICIALS
    items = [
        ("听取和审议市人民政府工作报告", f"市长{o['mayor']}作报告", _local(start, 0, 9, 10)),
        (
            "审查江屿市2024年国民经济和社会发展计划执行情况与2025年计划草案的报告，"
            "批准2025年国民经济和社会发展计划",
            f"市发展和改革委员会主任{o['ndrc']}作书面报告",
            _local(start, 0, 10, 50),
        ),
        (
            "审查江屿市2024年预算执行情况与2025年预算草案的报告，批准2025年市级预算",
            f"市财政局局长{o['finance']}作书面报告",
            _local(start, 0, 11, 0),
        ),
        (
            "听取和审议市人民代表大会常务委员会工作报告",
            f"常委会主任{o['npc']}作报告",
            _local(start, 1, 9, 5),
        ),
        ("听取和审议市中级人民法院工作报告", f"院长{o['court']}作报告", _local(start, 1, 10, 10)),
        (
            "听取和审议市人民检察院工作报告",
            f"检察长{o['procurator']}作报告",
            _local(start, 1, 10, 50),
        ),
        (
            "选举江屿市人民代表大会常务委员会副主任、委员（补选）",
            "大会主席团",
            _local(start, 3, 9, 5),
        ),
        ("审议大会主席团关于代表议案处理意见的报告", "大会秘书长", _local(start, 3, 10, 0)),
        ("表决通过大会各项决议", "大会执行主席", _local(start, 3, 10, 20)),
    ]
    return [
        DemoAgendaItem(
            position=n,
            title=title,
            description=f"{who}。会后各代表团分组审议，审议意见由大会秘书处汇总。",
            presenter=who.removesuffix("作报告").removesuffix("作书面报告"),
            starts_at=at,
        )
        for n, (title, who, at) in enumerate(items, 1)
    ]


# --------------------------------------------------------------------------- documents

GOV_SECTIONS = [
    ("着力稳增长促发展，经济运行回升向好", "economy"),
    ("着力推动产业升级，现代化产业体系加快构建", "industry"),
    ("着力强化创新驱动，发展新动能持续壮大", "innovation"),
    ("着力深化改革开放，发展活力竞相迸发", "reform"),
    ("着力提升城市品质，城乡面貌日新月异", "urban"),
    ("着力推进乡村振兴，农业农村加快发展", "rural"),
    ("着力加强生态保护，绿色发展成色更足", "ecology"),
    ("着力保障改善民生，群众获得感不断增强", "social"),
    ("着力发展社会事业，公共服务更加优质均衡", "education"),
    ("着力统筹发展和安全，社会大局和谐稳定", "safety"),
]
GOV_TASKS = [
    ("扩大有效需求，推动经济持续回升向好", "economy"),
    ("培育新质生产力，建设现代化产业体系", "industry"),
    ("建设创新型城市，增强科技创新策源能力", "innovation"),
    ("深化重点领域改革，持续优化营商环境", "reform"),
    ("提升城市能级，建设宜居韧性智慧城市", "urban"),
    ("全面推进乡村振兴，促进城乡融合发展", "rural"),
    ("深入推进美丽江屿建设，加快绿色低碳转型", "ecology"),
    ("办好教育卫生事业，提升公共服务水平", "health"),
    ("兜牢民生底线，让发展成果更多惠及全体人民", "social"),
    ("繁荣文化事业和文化产业，建设海洋文化名城", "culture"),
]
PROJECT_KINDS = {
    "产业项目": [
        ("{C}{k}基地", "建设厂房{N:5-30}万平方米，购置生产线{N:2-12}条，达产后年产值{N:20-90}亿元"),
        (
            "{D}智能制造产业园",
            "建设标准厂房及配套设施{N:10-40}万平方米，引进智能装备企业{N:10-30}家",
        ),
        ("{C}研发中心", "建设研发楼{N:2-6}万平方米及中试平台，组建研发团队{N:200-600}人"),
    ],
    "基础设施": [
        ("{R}快速化改造工程", "改造道路{F:3-15}公里，新建互通立交{N:1-4}座、人行天桥{N:2-6}座"),
        ("{D}综合管廊工程", "建设综合管廊{F:2-12}公里，纳入电力、通信、给水、燃气等管线"),
        ("{D}{S}污水处理厂扩建工程", "新增污水处理能力每日{N:5-20}万吨，配套管网{N:10-40}公里"),
        ("江屿港{S}港区泊位工程", "新建{N:5-20}万吨级泊位{N:1-4}个，年通过能力{N:300-900}万吨"),
    ],
    "社会民生": [
        ("{D}{S}学校新建工程", "新建教学楼、体育馆等{N:2-6}万平方米，新增学位{N:900-2700}个"),
        ("{D}人民医院新院区", "建设医疗综合楼{N:5-15}万平方米，设置床位{N:500-1200}张"),
        ("{D}{S}保障性租赁住房", "建设保障性租赁住房{N:600-2400}套，配套社区服务用房"),
        ("{D}社区养老服务综合体", "建设养老床位{N:100-400}张及日间照料、助餐等设施"),
    ],
    "生态环保": [
        ("澜溪{S}段综合治理工程", "整治河道{F:3-12}公里，建设生态护岸及滨水绿道{F:4-15}公里"),
        ("{D}海岸带生态修复工程", "修复岸线{F:2-10}公里，恢复滨海湿地{N:100-800}亩"),
        ("{D}生活垃圾焚烧发电项目", "日处理生活垃圾{N:600-2000}吨，年发电量{N:1-5}亿千瓦时"),
    ],
}
PHASES = ["", "（一期）", "（二期）", "（三期）"]
GLOSSARY = [
    ("专精特新", "指具有专业化、精细化、特色化、新颖化特征的中小企业。"),
    ("智改数转", "指制造业智能化改造和数字化转型。"),
    ("一网通办", "指依托一体化政务服务平台，实现政务服务事项一次登录、全网通办。"),
    ("免申即享", "指通过数据共享和比对，企业和群众无需申报即可享受政策。"),
    ("城市生命线", "指维系城市正常运行、满足群众生产生活需要的燃气、供水、排水、桥梁等基础设施。"),
    ("15分钟便民生活圈", "指居民步行15分钟范围内，满足日常生活基本消费和品质消费的"
     "便民商业服务圈。"),
    ("家站点", "指人大代表之家、代表联络站和代表联络点。"),
    ("三保", "指保基本民生、保工资、保运转。"),
    ("无废城市", "指以创新、协调、绿色、开放、共享的新发展理念为引领，推动固体废物源头减量"
     "和资源化利用的城市发展模式。"),
    ("新质生产力", "指创新起主导作用，摆脱传统经济增长方式、生产力发展路径，"
     "具有高科技、高效能、高质量特征的先进生产力。"),
]  # fmt: skip


def _project(t: Text, kind: str) -> list[str]:
    """Name, scope, total and this year's investment, responsible unit of a made-up project."""
    name, scope = t.rng.choice(PROJECT_KINDS[kind])
    name = t.fill(name.replace("{k}", t.rng.choice(["新能源", "海工装备", "生物医药"])))
    total = t.rng.uniform(3, 120)
    return [
        name + t.rng.choice(PHASES),
        t.fill(scope),
        f"{total:.1f}",
        f"{total * t.rng.uniform(0.1, 0.45):.1f}",
        t.fill("{D}人民政府") if t.rng.random() < 0.6 else t.fill("{C}"),
    ]


def _report_head(title: str, who: str, post: str) -> dict[str, str]:
    return {
        "title": title,
        "subtitle": f"——2025年1月8日在{SESSION_TITLE}上",
        "meta": f"{post}　{who}",
        "header": f"{SESSION_TITLE}文件",
    }


def _chapter(
    t: Text, blocks: list[Block], bank: str, count: tuple[int, int], *, plan: bool = False
) -> None:
    for _ in range(t.rng.randint(*count)):
        blocks.append(Para(t.paragraph(BANKS[bank], plan=plan)))


def _gov_report(t: Text, annex_units: int) -> DocumentSpec:
    b: list[Block] = [
        Para("各位代表：", indent=False),
        Para(
            f"现在，我代表{CITY}市人民政府，向大会报告工作，请予审议，"
            "并请市政协委员和其他列席人员提出意见。"
        ),
        Heading("一、2024年工作回顾"),
        Para(t.paragraph(BANKS["economy"], 5, 7, "过去的一年，是实施“十四五”规划的关键之年。")),
    ]
    for n, (title, bank) in enumerate(GOV_SECTIONS, 1):
        b.append(Heading(f"（{chinese_number(n)}）{title}", 2))
        _chapter(t, b, bank, (2, 3))
    b.append(
        Para(
            "在肯定成绩的同时，我们也清醒地看到，发展中还存在一些困难和问题：经济持续回升向好的基础"
            "还不稳固，有效需求不足；产业结构调整任务依然繁重，科技创新策源能力还不够强；"
            "教育、医疗、养老等民生领域还有不少短板；政府工作还存在不足。"
            "对此，我们将采取有力措施，认真加以解决。"
        )
    )
    b.append(Heading("二、2025年主要目标和重点工作"))
    b.append(Para("今年经济社会发展的主要预期目标是：", indent=True))
    b.append(NumberedList(PLAN_2025, style="circled"))
    for n, (title, bank) in enumerate(GOV_TASKS, 1):
        b.append(Heading(f"（{chinese_number(n)}）{title}", 2))
        _chapter(t, b, bank, (2, 3), plan=True)
    b.append(Heading("三、全面加强政府自身建设"))
    _chapter(t, b, "government", (2, 3))
    b.append(
        Para(
            "各位代表！新征程上，我们将在市委的坚强领导下，自觉接受市人大及其常委会的监督，"
            f"团结依靠全市人民，锐意进取、埋头苦干，为谱写中国式现代化{CITY}新篇章而努力奋斗！"
        )
    )
    b.extend(_gov_annexes(t, annex_units))
    return DocumentSpec(
        blocks=b,
        author=f"{CITY}市人民政府",
        subject="政府工作报告",
        **_report_head("政府工作报告", OFFICIALS["mayor"], f"{CITY}市市长"),
    )


def _gov_annexes(t: Text, units: int) -> list[Block]:
    """Appendices sized to ``units`` (about one page each): a glossary, the key-project
    tables and each district's task list."""
    b: list[Block] = [PageBreak(), Heading("附件1　名词解释")]
    for n, (term, text) in enumerate(GLOSSARY, 1):
        b.append(Para(f"{n}. {term}：{text}"))
    b += [PageBreak(), Heading("附件2　2025年市级重点建设项目计划表")]
    project_units = units * 2 // 3
    kinds = list(PROJECT_KINDS)
    serial = 0
    for k, kind in enumerate(kinds):
        chunks = project_units // len(kinds) + (k < project_units % len(kinds))
        for chunk in range(chunks):
            rows = []
            for _ in range(11):
                serial += 1
                rows.append([str(serial), *_project(t, kind)])
            b.append(
                Table(
                    ["序号", "项目名称", "主要建设内容", "总投资\n（亿元）", "本年计划\n（亿元）",
                     "责任单位"],
                    rows,
                    widths=[0.9, 2.6, 4.0, 1.4, 1.6, 2.2],
                    aligns=["center", "left", "left", "right", "right", "left"],
                    caption="" if chunk else f"（{chinese_number(k + 1)}）{kind}",
                )
            )  # fmt: skip
    b += [PageBreak(), Heading("附件3　各区县2024年经济社会发展情况")]
    for n in range(units - project_units):
        district = DISTRICTS[n % len(DISTRICTS)]
        title, bank = GOV_SECTIONS[(n // len(DISTRICTS)) % len(GOV_SECTIONS)]
        b.append(Heading(f"{district}：{title}", 2))
        for _ in range(3):
            b.append(Para(t.paragraph(BANKS[bank], 4, 6)))
    return b


def _plan_report(t: Text) -> DocumentSpec:
    indicators = [
        ("地区生产总值增长（%）", "5.5左右", "5.3", "5.5左右"),
        ("一般公共预算收入增长（%）", "5", "5.8", "5左右"),
        ("固定资产投资增长（%）", "6", "5.1", "5"),
        ("社会消费品零售总额增长（%）", "6.5", "5.6", "6"),
        ("研发经费投入强度（%）", "2.6", "2.65", "2.75"),
        ("城镇调查失业率（%）", "5.5以内", "4.6", "5.5以内"),
        ("细颗粒物平均浓度（微克/立方米）", "28", "26", "26以下"),
        ("居民人均可支配收入增长（%）", "与经济增长同步", "5.4", "与经济增长同步"),
    ]
    b: list[Block] = [
        Para("各位代表：", indent=False),
        Para(
            f"受市人民政府委托，现将{CITY}市2024年国民经济和社会发展计划执行情况与2025年计划草案"
            "提请市十七届人大二次会议审查，并请市政协委员提出意见。"
        ),
        Heading("一、2024年国民经济和社会发展计划执行情况"),
        Para(t.paragraph(BANKS["economy"], 5, 7)),
        Table(
            ["指标", "2024年计划", "2024年完成", "2025年目标"],
            [list(row) for row in indicators],
            widths=[4, 2, 2, 2],
            aligns=["left", "center", "center", "center"],
            caption="表1　主要指标完成情况和2025年预期目标",
        ),
    ]
    for n, bank in enumerate(["industry", "innovation", "urban", "ecology", "social"], 1):
        b.append(Heading(f"（{chinese_number(n)}）{GOV_SECTIONS[n][0]}", 2))
        _chapter(t, b, bank, (2, 3))
    b.append(Heading("二、2025年国民经济和社会发展计划草案"))
    b.append(NumberedList(PLAN_2025, style="chinese"))
    for n, bank in enumerate(["economy", "industry", "reform", "rural", "health"], 1):
        b.append(Heading(f"（{chinese_number(n)}）{GOV_TASKS[n - 1][0]}", 2))
        _chapter(t, b, bank, (2, 3), plan=True)
    return DocumentSpec(
        blocks=b,
        author=f"{CITY}市发展和改革委员会",
        **_report_head(
            f"关于{CITY}市2024年国民经济和社会发展计划执行情况与2025年计划草案的报告",
            OFFICIALS["ndrc"],
            f"{CITY}市发展和改革委员会主任",
        ),
    )


def _budget_report(t: Text) -> DocumentSpec:
    items = ["税收收入", "非税收入", "教育支出", "科学技术支出", "社会保障和就业支出",
             "卫生健康支出", "城乡社区支出", "农林水支出", "交通运输支出",
             "节能环保支出"]  # fmt: skip
    rows = []
    for name in items:
        done = t.rng.uniform(8, 120)
        rows.append([name, f"{done:.1f}", f"{t.rng.uniform(97, 106):.1f}", f"{done * 1.05:.1f}"])
    b: list[Block] = [
        Para("各位代表：", indent=False),
        Para(
            f"受市人民政府委托，现将{CITY}市2024年预算执行情况与2025年预算草案提请大会审查，"
            "并请市政协委员提出意见。"
        ),
        Heading("一、2024年预算执行情况"),
        Para(t.paragraph(BANKS["budget"], 4, 6)),
        Table(
            ["项目", "2024年执行数（亿元）", "完成预算（%）", "2025年预算数（亿元）"],
            rows,
            widths=[3, 2, 2, 2],
            aligns=["left", "right", "right", "right"],
            caption="表1　市级一般公共预算收支情况",
        ),
        *[
            block
            for n, part in enumerate(
                ["一般公共预算", "政府性基金预算", "国有资本经营预算", "社会保险基金预算"], 1
            )
            for block in (
                Heading(f"（{chinese_number(n)}）{part}执行情况", 2),
                Para(t.paragraph(BANKS["budget"], 4, 6)),
                Para(t.paragraph(BANKS[("economy", "urban", "reform", "social")[n - 1]], 3, 5)),
            )
        ],
        Heading("二、2025年预算草案"),
        Para(t.paragraph(BANKS["budget"], 4, 6, plan=True)),
        Para(t.paragraph(BANKS["social"], 4, 6, "重点支出安排方面，", plan=True)),
        Para(t.paragraph(BANKS["education"], 3, 5, plan=True)),
        Heading("三、确保完成2025年预算任务"),
        Para(t.paragraph(BANKS["reform"], 3, 5, plan=True)),
    ]
    return DocumentSpec(
        blocks=b,
        author=f"{CITY}市财政局",
        **_report_head(
            f"关于{CITY}市2024年预算执行情况与2025年预算草案的报告",
            OFFICIALS["finance"],
            f"{CITY}市财政局局长",
        ),
    )


def _organ_report(
    t: Text, title: str, who: str, post: str, bank: str, sections: list[str]
) -> DocumentSpec:
    b: list[Block] = [
        Para("各位代表：", indent=False),
        Para(f"现在，我代表{post.removesuffix(who)}向大会报告工作，请予审议。"),
    ]
    for n, section in enumerate(sections, 1):
        b.append(Heading(f"{chinese_number(n)}、{section}"))
        _chapter(t, b, bank, (3, 5), plan=n == len(sections))
    return DocumentSpec(blocks=b, author=post, **_report_head(title, who, post))


def _agenda_doc(agenda: list[DemoAgendaItem]) -> DocumentSpec:
    blocks: list[Block] = [
        Para(f"{chinese_number(item.position)}、{item.title}；") for item in agenda[:-1]
    ]
    blocks.append(Para(f"{chinese_number(agenda[-1].position)}、{agenda[-1].title}。"))
    return DocumentSpec(
        title=f"{SESSION_TITLE}议程",
        subtitle="（2025年1月7日大会预备会议通过）",
        blocks=blocks,
        author="大会秘书处",
    )


def _schedule_doc(agenda: list[DemoAgendaItem]) -> DocumentSpec:
    rows = [
        ["1月7日（星期二）", "下午14:00", "代表报到", "各代表团驻地"],
        ["", "下午16:00", "各代表团全体会议，推选代表团团长、副团长", "各代表团驻地"],
        ["", "下午17:00", "大会预备会议：选举主席团和秘书长，通过会议议程", VENUE],
        ["1月8日（星期三）", "上午9:00", "大会开幕；第一次全体会议", VENUE],
        ["", "下午14:30", "代表团审议政府工作报告、计划报告和预算报告", "各代表团驻地"],
        ["1月9日（星期四）", "上午9:00", "第二次全体会议", VENUE],
        ["", "下午14:30", "代表团审议常委会、法院、检察院工作报告", "各代表团驻地"],
        ["1月10日（星期五）", "上午9:00", "代表团酝酿讨论选举办法草案和候选人建议名单",
         "各代表团驻地"],
        ["", "下午15:00", "主席团第三次会议", "人民会堂第一会议室"],
        ["1月11日（星期六）", "上午9:00", "第三次全体会议（闭幕会）", VENUE],
    ]  # fmt: skip
    for item in agenda:
        if item.starts_at is not None:
            local = item.starts_at.astimezone(LOCAL)
            rows.append([f"{local.month}月{local.day}日", f"{local:%H:%M}", item.title, VENUE])
    return DocumentSpec(
        title=f"{SESSION_TITLE}日程",
        blocks=[
            Table(
                ["日期", "时间", "内容", "地点"],
                rows,
                widths=[2.2, 1.6, 5.6, 2.4],
                aligns=["center", "center", "left", "center"],
            ),
            Para("注：大会期间如有调整，以大会秘书处通知为准。", indent=False),
        ],
        author="大会秘书处",
    )


def _names(names: Sequence[str]) -> Para:
    return Para("　".join(names), indent=False, align="left", keep_words=True)


def _presidium_doc(rng: random.Random, delegates: list[DemoDelegate]) -> DocumentSpec:
    members = sorted(rng.sample(delegates, min(len(delegates), 31)), key=lambda d: d.number)
    standing = members[: min(9, len(members))]
    return DocumentSpec(
        title=f"{SESSION_TITLE}主席团和秘书长名单",
        subtitle="（2025年1月7日大会预备会议通过）",
        blocks=[
            Heading(f"主席团成员（{len(members)}名，按代表证号排序）"),
            _names([d.name for d in members]),
            Heading("主席团常务主席"),
            _names([d.name for d in standing]),
            Heading("秘书长"),
            _names([OFFICIALS["npc"]]),
            Heading("各次全体会议执行主席"),
            *[
                Para(f"第{chinese_number(k + 1)}次全体会议：" + "　".join(d.name for d in group))
                for k, group in enumerate([members[0:5], members[5:10], members[10:15]])
            ],
        ],
        author="大会秘书处",
    )


def _roster_doc(delegations: list[str], delegates: list[DemoDelegate]) -> DocumentSpec:
    blocks: list[Block] = [
        Para(f"{SESSION_TITLE}应出席代表{len(delegates)}名，分为{len(delegations)}个代表团。")
    ]
    for delegation in delegations:
        members = [d for d in delegates if d.delegation == delegation]
        blocks.append(Heading(f"{delegation}（{len(members)}名）"))
        blocks.append(
            Table(
                ["代表证号", "姓名", "工作单位及职务"],
                [[d.number, d.name, d.unit] for d in members],
                widths=[1.3, 1.4, 6.3],
                aligns=["center", "center", "left"],
            )
        )
    return DocumentSpec(
        title=f"{SESSION_TITLE}代表名单", blocks=blocks, author="大会秘书处", subject="内部资料"
    )


def _election_doc(t: Text, delegates: list[DemoDelegate]) -> DocumentSpec:
    articles = [
        "根据《中华人民共和国地方各级人民代表大会和地方各级人民政府组织法》《中华人民共和国全国人民代表大会和地方各级人民代表大会选举法》的有关规定，制定本办法。",
        "本次会议补选市人民代表大会常务委员会副主任一名、委员两名。",
        "候选人由大会主席团提名，经各代表团酝酿讨论后，由主席团根据多数代表的意见确定正式候选人名单。",
        "选举采用无记名投票方式。代表对选票上的候选人可以投赞成票，可以投反对票，可以另选其他任何代表或者选民，也可以弃权。",
        "选举设总监票人一名、监票人若干名，由主席团在各代表团推荐的不是候选人的代表中提名，提请大会通过。",
        "每次选举所投的票数，多于投票人数的无效，等于或者少于投票人数的有效。",
        "候选人获得全体代表过半数的选票，始得当选。",
        "选举结果由总监票人向执行主席报告，由执行主席向大会宣布。",
        "本办法经江屿市第十七届人民代表大会第二次会议全体会议通过后施行。",
    ]  # fmt: skip
    candidates = t.rng.sample(delegates, 3)
    posts = ["市人大常委会副主任", "市人大常委会委员", "市人大常委会委员"]
    return DocumentSpec(
        title=f"{SESSION_TITLE}选举办法（草案）",
        subtitle="（2025年1月9日大会主席团第二次会议通过，提请代表团酝酿讨论）",
        header="机密★会议结束后收回",
        blocks=[
            *[Para(f"第{chinese_number(n)}条　{text}") for n, text in enumerate(articles, 1)],
            PageBreak(),
            Heading("附：补选候选人建议名单"),
            Table(
                ["姓名", "现任职务", "拟任职务"],
                [[d.name, d.unit, post] for d, post in zip(candidates, posts, strict=True)],
                widths=[1.5, 5, 2.5],
                aligns=["center", "left", "center"],
            ),
        ],
        author="大会主席团",
        subject="机密",
    )


def _resolutions_doc(t: Text) -> DocumentSpec:
    subjects = [
        ("江屿市人民政府工作报告", "市长周明远代表市人民政府所作的工作报告"),
        ("江屿市2024年国民经济和社会发展计划执行情况与2025年计划", "市人民政府提出的计划报告"),
        ("江屿市2024年预算执行情况与2025年预算", "市人民政府提出的预算报告"),
        ("江屿市人民代表大会常务委员会工作报告", "常委会主任王守正所作的常委会工作报告"),
        ("江屿市中级人民法院工作报告", "院长赵慧敏所作的市中级人民法院工作报告"),
        ("江屿市人民检察院工作报告", "检察长孙建军所作的市人民检察院工作报告"),
    ]
    blocks: list[Block] = []
    for n, (subject, what) in enumerate(subjects):
        if n:
            blocks.append(PageBreak())
        blocks += [
            Heading(f"江屿市第十七届人民代表大会第二次会议关于{subject}的决议（草案）"),
            Para(
                "（2025年1月11日江屿市第十七届人民代表大会第二次会议通过）",
                indent=False,
                align="center",
            ),
            Para(
                f"{SESSION_TITLE}听取和审议了{what}。会议充分肯定过去一年的工作，同意报告提出的"
                "今年工作总体要求、主要目标和重点任务，决定批准这个报告。"
            ),
            Para(t.paragraph(BANKS["reform"], 2, 3, "会议要求，", plan=True)),
            Para(
                "会议号召，全市上下要更加紧密地团结起来，坚定信心、实干争先，"
                "为全面完成今年各项目标任务而努力奋斗！"
            ),
        ]
    return DocumentSpec(
        title=f"{SESSION_TITLE}决议草案汇编",
        subtitle="（供代表审议，请勿外传）",
        blocks=blocks,
        author="大会秘书处",
    )


# --------------------------------------------------------------------------- motions, notices

MOTIONS = [
    (
        "关于制定《江屿市海岸带保护条例》的议案",
        "我市海岸线长、类型多样，近年来围填海、岸线占用和近岸污染问题时有发生，海岸带保护缺少"
        "统一的地方性法规依据，建议制定《江屿市海岸带保护条例》。",
        "economy",
        "建议市人大常委会将该条例列入2025年立法计划：一是明确海岸带范围和分区管控要求；二是建立"
        "岸线占用补偿和生态修复制度；三是明确各区县和有关部门职责，建立联合执法机制；四是设定"
        "相应法律责任。",
    ),
    (
        "关于加快推进城市地下综合管廊建设的议案",
        "主城区道路反复开挖、管线事故多发，影响群众出行和城市安全运行，建议加快推进城市地下"
        "综合管廊规划建设。",
        "urban",
        "一是编制全市综合管廊专项规划，新建道路同步建设管廊；二是出台管线入廊和有偿使用办法；"
        "三是设立管廊建设专项资金，鼓励社会资本参与；四是建立管廊智慧运维平台。",
    ),
    (
        "关于制定《江屿市养老服务促进条例》的议案",
        "我市60岁以上老年人口占比已超过百分之二十二，养老服务供给不足、结构不优，社区居家养老"
        "服务短板明显，建议制定养老服务促进条例。",
        "social",
        "一是明确社区养老服务设施配建标准和移交使用要求；二是规范养老机构准入和服务质量评价；"
        "三是建立长期护理保险制度和养老护理员激励机制；四是推动医养康养相结合。",
    ),
    (
        "关于加强澜溪流域水环境综合治理的议案",
        "澜溪是我市的母亲河，流经五个区县，部分支流水质不稳定，面源污染和生活污水直排问题"
        "仍然存在，建议加强全流域综合治理。",
        "ecology",
        "一是建立全流域统一的规划、监测和考核机制；二是实施截污纳管和农村生活污水治理工程；"
        "三是建立上下游生态补偿机制；四是将澜溪流域保护纳入市人大常委会年度监督重点。",
    ),
    (
        "关于制定《江屿市电动自行车管理条例》的议案",
        "全市电动自行车保有量超过一百五十万辆，违规充电引发的火灾和交通事故时有发生，"
        "现有管理措施缺乏法规支撑，建议制定电动自行车管理条例。",
        "safety",
        "一是明确生产、销售、登记、通行、停放、充电全链条管理要求；二是规定住宅小区集中充电"
        "设施建设标准；三是明确部门监管职责和违法行为处罚标准。",
    ),
    (
        "关于推进中小学校课后服务提质扩容的议案",
        "课后服务在减轻学生课业负担和家长接送负担方面作用明显，但服务内容单一、师资不足、"
        "经费保障机制不健全等问题突出，建议推进课后服务提质扩容。",
        "education",
        "一是建立政府、学校、家庭合理分担的经费保障机制；二是引入文化、体育、科技等社会资源；"
        "三是将课后服务工作量纳入教师绩效考核；四是加强对课后服务质量的监督评价。",
    ),
]


def _motions(rng: random.Random, t: Text, delegates: list[DemoDelegate]) -> list[DemoMotion]:
    out: list[DemoMotion] = []
    for n, (title, cause, bank, proposal) in enumerate(MOTIONS, 1):
        lead = rng.choice(delegates)
        same = [d for d in delegates if d.delegation == lead.delegation and d != lead]
        others = [d for d in delegates if d.delegation != lead.delegation]
        want = rng.randint(10, 14)
        cosigners = rng.sample(same, min(len(same), want))
        cosigners += rng.sample(others, want - len(cosigners))
        grounds = t.paragraph(BANKS[bank], 3, 4, "据调查，") + (
            "上述情况表明，现有工作机制已难以适应形势发展需要，有必要通过人大议案推动解决。"
        )
        out.append(
            DemoMotion(
                number=n,
                title=title,
                lead_number=lead.number,
                cosigner_numbers=sorted(d.number for d in cosigners),
                cause=cause,
                grounds=grounds,
                proposal=proposal,
            )
        )
    return out


def _notices() -> list[DemoNotice]:
    return [
        DemoNotice(
            "关于大会期间作息时间和有关事项的通知",
            "各位代表：大会期间作息时间为上午8:30至12:00，下午14:30至18:00。全体会议请于开会前"
            "20分钟进入会场，在座席终端签到。请将手机调至静音状态，会场内请勿吸烟。"
            "会议文件请在终端上阅读，涉密文件会后自动收回。",
        ),
        DemoNotice(
            "关于代表议案截止时间的通知",
            "各位代表：根据大会主席团决定，代表议案截止时间为1月9日（星期四）18:00。议案须由一个"
            "代表团或者十名以上代表联名提出，写明案由、案据和方案。截止时间后提出的，作为建议处理。",
        ),
        DemoNotice(
            "关于提交代表建议、批评和意见的通知",
            "各位代表：大会期间可在终端“代表建议”栏目起草和提交建议，支持联名附议。建议应当一事一议，"
            "内容具体、情况清楚。大会秘书处将在会后统一交有关承办单位办理，办理情况可在终端查询。",
        ),
    ]


# --------------------------------------------------------------------------- building


@dataclass(frozen=True)
class _DocPlan:
    filename: str
    classification: Classification
    agenda_position: int | None
    make: Callable[[int], DocumentSpec]  # annex units (only the long document uses them)
    min_pages: int = 0


PAGES_PER_ANNEX_UNIT = 0.66  # measured; the estimate aims 5% high: rendering twice costs more
BODY_PAGES = 13  # the government work report with empty appendices (measured)


def build_demo_content(
    work_dir: Path,
    *,
    delegates: int = 150,
    long_pages: int = 120,
    starts_on: dt.date | None = None,
) -> DemoContent:
    """Build the demo session and write its 12 PDF documents into ``work_dir``.

    One document (the government work report with its annexes) has at least ``long_pages``
    pages. Documents already in ``work_dir`` from an identical earlier build are reused.
    The sittings are dated from ``starts_on`` (default: today, see :func:`demo_start_date`);
    the documents' text keeps its fixed 2025 dates.
    """
    if delegates < 12:
        raise ValueError("the demo needs at least 12 delegates (motions need 10 co-signers)")
    started = time.perf_counter()
    rng = random.Random(SEED)
    people = _delegates(rng, delegates, set(OFFICIALS.values()))
    delegations = [f"{d}代表团" for d in DISTRICTS]
    start = starts_on or demo_start_date()
    agenda = _agenda(start)
    motions = _motions(random.Random(SEED + 1), Text(random.Random(SEED + 2)), people)

    def text(n: int) -> Text:  # each document its own stream: one changes, others stay
        return Text(random.Random(SEED * 100 + n))

    o = OFFICIALS
    court = f"{CITY}市中级人民法院院长"
    procurator = f"{CITY}市人民检察院检察长"
    plans = [
        _DocPlan("01_agenda.pdf", Classification.PUBLIC, None, lambda _: _agenda_doc(agenda)),
        _DocPlan("02_schedule.pdf", Classification.PUBLIC, None, lambda _: _schedule_doc(agenda)),
        _DocPlan(
            "03_presidium.pdf", Classification.PUBLIC, None,
            lambda _: _presidium_doc(random.Random(SEED + 3), people),
        ),
        _DocPlan(
            "04_delegates.pdf", Classification.INTERNAL, None,
            lambda _: _roster_doc(delegations, people),
        ),
        _DocPlan(
            "05_government_work_report.pdf", Classification.PUBLIC, 1,
            lambda units: _gov_report(text(5), units), min_pages=long_pages,
        ),
        _DocPlan("06_plan_report.pdf", Classification.PUBLIC, 2, lambda _: _plan_report(text(6))),
        _DocPlan(
            "07_budget_report.pdf", Classification.PUBLIC, 3, lambda _: _budget_report(text(7))
        ),
        _DocPlan(
            "08_standing_committee_report.pdf", Classification.PUBLIC, 4,
            lambda _: _organ_report(
                text(8), f"{CITY}市人民代表大会常务委员会工作报告", o["npc"],
                f"{CITY}市人民代表大会常务委员会主任", "npc",
                ["2024年主要工作", "坚持科学立法", "依法履行监督职责", "支持保障代表履职",
                 "2025年主要任务"],
            ),
        ),
        _DocPlan(
            "09_court_report.pdf", Classification.PUBLIC, 5,
            lambda _: _organ_report(
                text(9), f"{CITY}市中级人民法院工作报告", o["court"], court, "court",
                ["依法履职，服务保障高质量发展", "司法为民，回应群众关切", "2025年工作安排"],
            ),
        ),
        _DocPlan(
            "10_procuratorate_report.pdf", Classification.PUBLIC, 6,
            lambda _: _organ_report(
                text(10), f"{CITY}市人民检察院工作报告", o["procurator"], procurator,
                "procuratorate",
                ["依法惩治犯罪，维护安全稳定", "强化法律监督，守护公平正义", "2025年工作安排"],
            ),
        ),
        _DocPlan(
            "11_election_measures.pdf", Classification.CONFIDENTIAL, 7,
            lambda _: _election_doc(text(11), people),
        ),
        _DocPlan(
            "12_draft_resolutions.pdf", Classification.INTERNAL, 9,
            lambda _: _resolutions_doc(text(12)),
        ),
    ]  # fmt: skip
    work_dir.mkdir(parents=True, exist_ok=True)
    cache = _Manifest(work_dir)
    documents: list[DemoDocument] = []
    for plan in plans:
        path = work_dir / plan.filename
        title = _write_document(plan, path, cache)
        documents.append(DemoDocument(title, path, plan.classification.value, plan.agenda_position))
    cache.save()
    log.info(
        "demo content: %d delegates, %d documents in %s (%.1f s)",
        len(people), len(documents), work_dir, time.perf_counter() - started,
    )  # fmt: skip
    return DemoContent(
        title=SESSION_TITLE,
        short_title=SHORT_TITLE,
        venue=VENUE,
        starts_on=start,
        ends_on=start + (ENDS_ON - STARTS_ON),
        sittings=_sittings(start),
        delegations=delegations,
        delegates=people,
        agenda=agenda,
        documents=documents,
        motions=motions,
        notices=_notices(),
    )


def _write_document(plan: _DocPlan, path: Path, cache: _Manifest) -> str:
    """Typeset ``plan`` into ``path`` unless the cache holds it; return the title."""
    units = max(0, round(1.05 * (plan.min_pages - BODY_PAGES) / PAGES_PER_ANNEX_UNIT)) + 2
    spec = plan.make(units)
    key = hashlib.sha256(f"{CONTENT_VERSION}|{plan.min_pages}|{spec!r}".encode()).hexdigest()
    if cache.fresh(path, key):
        return spec.title
    result = pdfgen.render_pdf(spec)
    while result.pages < plan.min_pages:  # the estimate fell short: add annex pages
        units += round(1.5 * (plan.min_pages - result.pages) / PAGES_PER_ANNEX_UNIT) + 3
        log.info("%s: %d pages, want %d: more appendices", path.name, result.pages, plan.min_pages)
        result = pdfgen.render_pdf(plan.make(units))
    tmp = path.with_name(path.name + ".part")
    tmp.write_bytes(result.data)
    tmp.replace(path)
    cache.record(path, key, result.data, result.pages)
    return spec.title


class _Manifest:
    """``.demo-manifest.json``: for each written PDF, the key of its content and its hash."""

    def __init__(self, work_dir: Path) -> None:
        self.path = work_dir / MANIFEST
        try:
            self.entries: dict[str, dict[str, object]] = json.loads(self.path.read_text())
        except (OSError, ValueError):
            self.entries = {}

    def fresh(self, path: Path, key: str) -> bool:
        entry = self.entries.get(path.name)
        if not entry or entry.get("key") != key or not path.is_file():
            return False
        return hashlib.sha256(path.read_bytes()).hexdigest() == entry.get("sha256")

    def record(self, path: Path, key: str, data: bytes, pages: int) -> None:
        self.entries[path.name] = {
            "key": key,
            "sha256": hashlib.sha256(data).hexdigest(),
            "pages": pages,
        }

    def save(self) -> None:
        tmp = self.path.with_name(self.path.name + ".part")
        tmp.write_text(json.dumps(self.entries, ensure_ascii=False, indent=1, sort_keys=True))
        tmp.replace(self.path)
