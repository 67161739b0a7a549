"""Money is integer fen in the database and Decimal yuan in Python.

Rounding rule (the only one): ROUND_HALF_UP to the fen, applied to each line.
"""

from decimal import ROUND_HALF_UP, Decimal

FEN = Decimal("0.01")


def to_fen(yuan: Decimal | int | str) -> int:
    if isinstance(yuan, float):
        raise TypeError("floats are not accepted for money")
    return int((Decimal(yuan) / FEN).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def to_yuan(fen: int | None) -> Decimal | None:
    if fen is None:
        return None
    return (Decimal(fen) * FEN).quantize(FEN)


def format_yuan(fen: int | None) -> str:
    value = to_yuan(fen)
    return "" if value is None else f"{value:,.2f}"
