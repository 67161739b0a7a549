"""Plausible Chinese names, numbers and identifiers, drawn from a seeded `random.Random`."""

import datetime as dt
import random

from qudao.core.validators import uscc_check_char

from .places import CITY, PROVINCE, DistrictPlace, GridPlace

# Common surnames in the Pearl River Delta, most frequent first.
SURNAMES = (
    "陈", "李", "黄", "梁", "张", "林", "何", "吴", "罗", "刘", "郭", "冯", "麦", "潘", "邓",
    "谭", "杨", "叶", "钟", "周", "曾", "卢", "苏", "关", "区", "霍", "岑", "招", "欧阳", "植",
)
GIVEN_CHARS = (
    "伟", "国", "明", "华", "志", "强", "丽", "敏", "婷", "芳", "俊", "杰", "文", "健", "嘉",
    "欣", "颖", "浩", "锦", "荣", "耀", "辉", "斌", "燕", "玲", "洁", "少", "永", "家", "德",
    "智", "晓", "慧", "宇", "振", "海", "桂", "秀", "丽", "冠", "达", "诗", "子", "卓", "泳",
)
BRAND_WORDS = (
    "鑫源", "恒达", "华兴", "盛世", "联创", "宏图", "金辉", "永盛", "嘉禾", "顺通", "锦程",
    "德信", "瑞丰", "泰和", "新宇", "佳讯", "讯达", "星辰", "万家", "益民", "百信", "信诚",
    "东升", "明辉", "富通", "盈科", "优联", "智联", "粤通", "南讯", "广畅", "汇通", "天成",
    "润达", "创想", "美佳", "志成", "协和", "安信", "乐通", "骏业", "荣达", "新景", "和顺",
    "立信", "同创", "丰泽", "凯旋", "嘉信", "利达", "通盈", "捷讯", "众联", "迅捷", "华通",
)
# (suffix, is a company) — shops are individual businesses (个体工商户), companies are limited.
AGENT_FORMS = (
    ("通讯器材店", False), ("手机店", False), ("数码通讯店", False), ("通讯部", False),
    ("通信有限公司", True), ("通讯设备有限公司", True), ("电子科技有限公司", True),
    ("信息科技有限公司", True), ("商贸有限公司", True),
)
OUTLET_SUFFIXES = {
    "brand_store": ("沃店", "品牌店"),
    "authorised": ("营业厅", "专营店", "授权店"),
    "signed_social": ("合作厅", "通讯店"),
    "distributor": ("分销点", "卖场"),
    "retailer": ("手机店", "便利店", "代办点"),
    "non_authorised": ("通讯店", "手机卖场"),
}
# Where in the neighbourhood a shop sits; empty entries keep plain names common.
LANDMARKS = (
    "", "", "", "", "市场", "广场", "新村", "花园", "商业街", "路口", "汽车站", "步行街",
    "工业区", "大厦", "商场", "地铁站", "东", "西", "南", "北",
)
ROAD_SUFFIXES = ("路", "大道", "大街", "中路", "东路", "西路", "南路", "北路", "街")
MOBILE_PREFIXES = (
    "130", "131", "132", "155", "156", "166", "175", "176", "185", "186",
    "133", "153", "180", "181", "189", "135", "136", "137", "138", "139", "150", "158", "188",
)
BANKS = (
    ("中国工商银行佛山分行", "6222"), ("中国建设银行佛山分行", "6217"), ("中国农业银行佛山分行", "6228"),
    ("中国银行佛山分行", "6216"), ("佛山农村商业银行", "6230"), ("广东顺德农村商业银行", "6231"),
    ("招商银行佛山分行", "6214"), ("广发银行佛山分行", "6225"),
)
# The alphabet of credit codes without the letters GB 32100 leaves out (I, O, S, V, Z).
_USCC_BODY_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"


def person_name(rng: random.Random) -> str:
    given = rng.choice(GIVEN_CHARS) + (rng.choice(GIVEN_CHARS) if rng.random() < 0.8 else "")
    return rng.choice(SURNAMES) + given


def mobile(rng: random.Random) -> str:
    return rng.choice(MOBILE_PREFIXES) + f"{rng.randrange(10**8):08d}"


def agent_name(rng: random.Random, district: DistrictPlace, grid: GridPlace) -> tuple[str, bool]:
    """("佛山市南海区桂城鑫源通讯器材店", False) — shops carry their town, companies do not."""
    suffix, is_company = rng.choice(AGENT_FORMS)
    brand = rng.choice(BRAND_WORDS)
    if is_company:
        return f"{CITY}{district.name}{brand}{suffix}", True
    return f"{CITY}{district.name}{grid.town}{brand}{suffix}", False


def credit_code(rng: random.Random, division: str, is_company: bool) -> str:
    """A unified social credit code with a valid check character (91… company, 92… shop)."""
    org = "MA" + "".join(rng.choice(_USCC_BODY_ALPHABET) for _ in range(7))
    body = ("91" if is_company else "92") + division + org
    return body + uscc_check_char(body)


def resident_id(rng: random.Random, division: str) -> str:
    """An 18-character resident ID number with a valid ISO 7064 check character."""
    born = dt.date(1960, 1, 1) + dt.timedelta(days=rng.randrange(365 * 40))
    body = f"{division}{born:%Y%m%d}{rng.randrange(1000):03d}"
    total = sum(int(ch) * w for ch, w in zip(body, _ID_WEIGHTS, strict=True))
    return body + _ID_CHECK[total % 11]


def bank_account(rng: random.Random) -> tuple[str, str]:
    bank, prefix = rng.choice(BANKS)
    return bank, prefix + f"{rng.randrange(10**15):015d}"


def outlet_name(rng: random.Random, district: DistrictPlace, grid: GridPlace, outlet_type: str) -> str:
    """"南海桂城平洲营业厅", "顺德容桂华口市场代办点"."""
    place = rng.choice(grid.neighbourhoods)
    town = "" if place.startswith(grid.town) else grid.town
    landmark = rng.choice(LANDMARKS)
    return f"{district.short}{town}{place}{landmark}{rng.choice(OUTLET_SUFFIXES[outlet_type])}"


def street_address(rng: random.Random, district: DistrictPlace, grid: GridPlace) -> str:
    road = rng.choice(grid.neighbourhoods) + rng.choice(ROAD_SUFFIXES)
    number = rng.randint(1, 399)
    unit = rng.choice(("首层", "", f"{rng.randint(1, 30)}号铺", "商铺"))
    return f"{PROVINCE}{CITY}{district.name}{grid.town_full}{road}{number}号{unit}"
