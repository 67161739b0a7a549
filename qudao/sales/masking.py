def mask_number(value: str | None) -> str:
    """Phone or policy number as lists show it: 13800138000 → 138****8000."""
    if not value:
        return ""
    if len(value) >= 8:
        return f"{value[:3]}****{value[-4:]}"
    return "****" + value[-2:]
