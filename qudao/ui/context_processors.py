from itertools import groupby

from .navigation import items_for


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_sections": []}
    items = items_for(user)
    sections = [(section, list(group)) for section, group in groupby(items, key=lambda i: i.section)]
    return {"nav_sections": sections}
