"""The ledger's money rule: amounts arrive as Decimal yuan and must be whole fen.

Nothing is rounded here: a ledger entry records an amount that was already rounded where it
was computed (for settlement, each statement line, qudao.core.money's ROUND_HALF_UP), so a
fraction of a fen reaching the ledger is a bug upstream and is refused. Floats are refused too.
"""

from decimal import Decimal, InvalidOperation

from qudao.core.money import FEN


class NotWholeFen(ValueError):
    pass


def exact_fen(amount) -> int:
    """Decimal/int/str yuan → integer fen, refusing floats and fractions of a fen."""
    if isinstance(amount, float | bool):
        raise NotWholeFen("floats are not accepted for money; pass a Decimal")
    try:
        value = Decimal(amount)
    except (InvalidOperation, TypeError, ValueError):
        raise NotWholeFen(f"{amount!r} is not an amount") from None
    if not value.is_finite():
        raise NotWholeFen(f"{amount!r} is not an amount")
    fen = value / FEN
    if fen != fen.to_integral_value():
        raise NotWholeFen(f"{value} yuan is not a whole number of fen")
    return int(fen)
