"""Validators shared by forms, API and imports (they all call the model's clean())."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# GB 32100-2015 unified social credit code: 18 chars, last is a mod-31 check character.
_USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def uscc_check_char(first17: str) -> str:
    total = sum(_USCC_ALPHABET.index(ch) * w for ch, w in zip(first17, _USCC_WEIGHTS, strict=True))
    return _USCC_ALPHABET[(31 - total % 31) % 31]


def validate_uscc(value: str) -> None:
    code = (value or "").strip().upper()
    if len(code) != 18 or any(ch not in _USCC_ALPHABET for ch in code):
        raise ValidationError(_("A unified social credit code has 18 characters from 0-9 and A-Y (no I, O, S, V, Z)."), code="uscc_format")
    if uscc_check_char(code[:17]) != code[17]:
        raise ValidationError(_("The unified social credit code fails its check digit."), code="uscc_checksum")


# Mainland China, generously: 73°E-136°E, 3°N-54°N.
def validate_china_coordinates(latitude: Decimal | None, longitude: Decimal | None) -> None:
    if latitude is None and longitude is None:
        return
    if latitude is None or longitude is None:
        raise ValidationError(_("Give both latitude and longitude, or neither."), code="coords_pair")
    if not (Decimal(3) <= latitude <= Decimal(54)) or not (Decimal(73) <= longitude <= Decimal(136)):
        raise ValidationError(_("Coordinates are outside China (latitude 3-54, longitude 73-136)."), code="coords_range")
