def mask_tail(value: str | None, keep: int = 4) -> str:
    """`6222020200112233445` → `****3445`; shown in lists and history instead of the number."""
    if not value:
        return ""
    return "****" + value[-keep:] if len(value) > keep else "****"
