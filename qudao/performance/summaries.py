"""The markdown summary of one node's ranking, as posted to WeCom / DingTalk group robots."""

from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from qudao.core.money import format_yuan
from qudao.territory.selectors import path_q

from .bulletins import competition_ranks
from .models import Bulletin, BulletinLine

TOP = 10
BOTTOM = 5


def _percent_change(now: int, before: int) -> Decimal:
    return (Decimal(now - before) * 100 / before).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def _signed_pct(value) -> str:
    return "—" if value is None else f"{value:+}%"


def _line_text(rank: int, line: BulletinLine) -> str:
    parts = [_("%(count)d records") % {"count": line.records},
             _("week on week %(change)s") % {"change": _signed_pct(line.records_change_pct)}]
    if line.attainment_pct is not None:
        parts.append(_("attainment %(pct)s%%") % {"pct": line.attainment_pct})
    return f"{rank}. {line.agent.name}：" + "，".join(parts)


def summary_title(bulletin: Bulletin, node) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        return _("Weekly bulletin %(week)s · %(node)s") % {"week": bulletin, "node": node.name}


def bulletin_markdown(bulletin: Bulletin, node) -> str:
    """Totals of the agents under `node`, its top ten and bottom five by development count."""
    lines = list(
        BulletinLine.objects.filter(bulletin=bulletin).filter(path_q([node.path], "grid__path"))
        .select_related("agent").order_by("-records", "agent__code")
    )
    ranks = competition_ranks({line.pk: line.records for line in lines})
    with translation.override(settings.LANGUAGE_CODE):
        records, before = sum(x.records for x in lines), sum(x.prev_records for x in lines)
        change = f"{_percent_change(records, before):+}%" if before else "—"
        text = [
            f"### {summary_title(bulletin, node)}",
            "> " + _("%(agents)d agents, %(records)d records (week on week %(change)s), fees %(fees)s yuan, %(effective)d effective")
            % {"agents": len(lines), "records": records, "change": change,
               "fees": format_yuan(sum(x.fee_fen for x in lines)), "effective": sum(x.effective for x in lines)},
        ]
        if not lines:
            return "\n".join(text)
        text += ["", "**" + _("Top %(n)d") % {"n": min(TOP, len(lines))} + "**"]
        text += [_line_text(ranks[line.pk], line) for line in lines[:TOP]]
        tail = lines[max(TOP, len(lines) - BOTTOM):]
        if tail:
            text += ["", "**" + _("Bottom %(n)d") % {"n": len(tail)} + "**"]
            text += [_line_text(ranks[line.pk], line) for line in tail]
    return "\n".join(text)
