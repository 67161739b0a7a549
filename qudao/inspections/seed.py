"""The default checklist templates (item texts are data, in Chinese). Installed by migration
0002 and by tests (`install_default_templates()`); installing again changes nothing."""

# (section, text, answer type, max points, pass points, weight, violation kind)
P, PTS = "pass_fail", "points"

PUBLICITY = [
    ("publicity", "门头招牌规范、整洁、无破损", P, 1, None, 2, ""),
    ("publicity", "店内宣传海报为当期有效版本，无过期物料", P, 1, None, 1, ""),
    ("publicity", "资费宣传单页齐全、摆放整齐", P, 1, None, 1, ""),
    ("publicity", "无竞争对手宣传物料混放", P, 1, None, 1, ""),
]
SERVICE = [
    ("service", "营业人员统一着装、佩戴工牌", P, 1, None, 1, ""),
    ("service", "按约定营业时间开门营业", P, 1, None, 1, ""),
    ("service", "严格执行实名登记，业务受理规范", P, 1, None, 2, ""),
    ("service", "客户资料及证件复印件妥善保管，无泄露风险", P, 1, None, 2, ""),
    ("service", "服务态度良好，近期无客户投诉", P, 1, None, 1, ""),
]
PRICE = [
    ("price", "资费标准、终端价格明码标价", P, 1, None, 1, ""),
    ("price", "无高于公司指导价销售", P, 1, None, 2, "price"),
    ("price", "价格公示与公司当期政策一致", P, 1, None, 1, ""),
]
COMPLIANCE_BASIC = [
    ("compliance", "无截留客户预存款", P, 1, None, 3, "intercepted_deposit"),
    ("compliance", "无私拉乱接、违规接入宽带", P, 1, None, 3, "unauthorised_connection"),
    ("compliance", "营业执照及授权牌照在显著位置公示", P, 1, None, 1, ""),
]
BRAND_STORE = [
    ("brand_store", "沃店形象统一（门头、色彩、标识符合VI规范）", P, 1, None, 2, ""),
    ("brand_store", "体验区终端真机演示正常", P, 1, None, 1, ""),
    ("brand_store", "功能分区符合标准（受理区、体验区、等候区）", P, 1, None, 1, ""),
    ("brand_store", "店面卫生整洁，照明正常", P, 1, None, 1, ""),
    ("brand_store", "宽带及融合业务展示到位", P, 1, None, 1, ""),
]
OPERATIONS = [
    ("operations", "卡品、终端台账清晰，账实相符", P, 1, None, 2, ""),
    ("operations", "按计划提货，无窜货", P, 1, None, 2, ""),
]
COMPLIANCE_CHECK = [  # deduction scoring: max points are the points lost when the item fails
    ("compliance", "无截留客户预存款", P, 20, None, 1, "intercepted_deposit"),
    ("compliance", "无私拉乱接、违规接入宽带", P, 20, None, 1, "unauthorised_connection"),
    ("compliance", "无虚假开户、养卡套取佣金行为", P, 20, None, 1, "fake_activation"),
    ("service", "严格执行实名登记制度", P, 15, None, 1, ""),
    ("price", "明码标价，无高于指导价销售", P, 10, None, 1, "price"),
    ("compliance", "营业执照及授权牌照公示", P, 5, None, 1, ""),
    ("compliance", "业务单据完整，按时返单", P, 5, None, 1, ""),
    ("service", "客户资料妥善保管", P, 5, None, 1, ""),
]
MONTHLY_ASSESSMENT = [  # points scoring: the points add up to 100
    ("operations", "当月发展量完成情况", PTS, 20, 12, 20, ""),
    ("publicity", "门头及宣传物料规范", PTS, 10, 6, 10, ""),
    ("service", "服务规范与客户投诉情况", PTS, 15, 9, 15, ""),
    ("price", "明码标价与价格政策执行", PTS, 10, 6, 10, ""),
    ("compliance", "规范经营（无截留预存款、无私拉乱接、无养卡）", PTS, 25, 20, 25, ""),
    ("compliance", "整改事项落实情况", PTS, 10, 6, 10, ""),
    ("operations", "资金按时上划", PTS, 10, 6, 10, ""),
]

# (code, name, kind, channel type ("" = any), scoring, pass mark, items)
TEMPLATES = [
    ("RT-AUTH", "授权渠道日常巡检", "routine", "authorised", "pass_rate", 80,
     PUBLICITY + SERVICE + PRICE + COMPLIANCE_BASIC),
    ("RT-WO", "沃店日常巡检", "routine", "brand_store", "pass_rate", 85,
     PUBLICITY[:3] + SERVICE + BRAND_STORE + PRICE + COMPLIANCE_BASIC),
    ("RT-DIST", "经销商日常巡检", "routine", "distributor", "pass_rate", 80,
     OPERATIONS + PRICE + COMPLIANCE_BASIC),
    ("RT-GEN", "社会渠道日常巡检", "routine", "", "pass_rate", 80,
     PUBLICITY[:3] + SERVICE[:3] + PRICE[:2] + COMPLIANCE_BASIC[:2]),
    ("CC-GEN", "规范经营检查", "compliance", "", "deduction", 80, COMPLIANCE_CHECK),
    ("MA-AUTH", "授权渠道月度考核", "monthly", "authorised", "points", 80, MONTHLY_ASSESSMENT),
]


def install_default_templates(template_model=None, item_model=None) -> int:
    """Creates the templates whose code is missing; returns how many it created."""
    if template_model is None:
        from .models import ChecklistItem, ChecklistTemplate

        template_model, item_model = ChecklistTemplate, ChecklistItem
    existing = set(template_model.objects.values_list("code", flat=True))
    created = 0
    for code, name, kind, channel_type, scoring, pass_score, items in TEMPLATES:
        if code in existing:
            continue
        template = template_model.objects.create(
            code=code, name=name, kind=kind, channel_type=channel_type, scoring=scoring, pass_score=pass_score,
        )
        item_model.objects.bulk_create([
            item_model(template=template, section=section, order=order, text=text, answer_type=answer,
                       max_points=max_points, pass_points=pass_points, weight=weight, violation_kind=violation)
            for order, (section, text, answer, max_points, pass_points, weight, violation) in enumerate(items, 1)
        ])
        created += 1
    return created
