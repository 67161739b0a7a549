from .navigation import items_for


def navigation(request):
    """Menu sections in the order of their first entry; each section's entries stay together."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_sections": []}
    sections: dict[str, list] = {}
    for item in items_for(user):
        sections.setdefault(str(item.section), []).append(item)
    return {"nav_sections": list(sections.items())}
