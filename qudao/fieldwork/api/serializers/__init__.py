from .records import *  # noqa: F403
from .work import *  # noqa: F403
