import logging
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from qudao.core.logging import RedactSensitiveFilter, redact
from qudao.core.money import format_yuan, to_fen, to_yuan
from qudao.core.spreadsheet import escape_cell
from qudao.core.validators import uscc_check_char, validate_china_coordinates, validate_uscc


def test_uscc_checksum_accepts_real_codes_and_rejects_typos():
    validate_uscc("91350100M000100Y43")  # a published example code
    body = "91440300123456789"
    validate_uscc(body + uscc_check_char(body))
    with pytest.raises(ValidationError):
        validate_uscc("91350100M000100Y44")
    with pytest.raises(ValidationError):
        validate_uscc("91350100M000100Y4")
    with pytest.raises(ValidationError):
        validate_uscc("91350100M000100IO3")


def test_coordinates_must_be_in_china_and_paired():
    validate_china_coordinates(Decimal("23.02"), Decimal("113.12"))
    validate_china_coordinates(None, None)
    for lat, lng in [(Decimal("23"), None), (Decimal("60"), Decimal("113")), (Decimal("23"), Decimal("0"))]:
        with pytest.raises(ValidationError):
            validate_china_coordinates(lat, lng)


def test_money_round_trips_in_fen_without_floats():
    assert to_fen("12.345") == 1235 and to_fen(Decimal("0.005")) == 1
    assert to_yuan(1235) == Decimal("12.35") and format_yuan(123456) == "1,234.56"
    with pytest.raises(TypeError):
        to_fen(1.5)


@pytest.mark.parametrize("text", ["=1+1", "+SUM(A1)", "-2", "@cmd", "\tx", "\rx"])
def test_formula_like_cells_are_escaped(text):
    assert escape_cell(text) == "'" + text
    assert escape_cell("平洲营业厅") == "平洲营业厅" and escape_cell(5) == 5


def test_logs_never_show_id_or_bank_numbers(caplog):
    assert "440602199001011234" not in redact("id 440602199001011234 card 6222 0202 0011 2233 445")
    logger = logging.getLogger("qudao.test")
    logger.addFilter(RedactSensitiveFilter())
    with caplog.at_level(logging.INFO):
        logger.info("saving agent with account %s", "6222020200112233445")
    assert "6222020200112233445" not in caplog.text and "3445" in caplog.text
