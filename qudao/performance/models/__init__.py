from .bulletins import Bulletin, BulletinLine
from .followups import FollowUp, LaggardRule
from .jobs import JobRun
from .webhooks import WebhookDelivery, WebhookEndpoint

__all__ = ["Bulletin", "BulletinLine", "FollowUp", "JobRun", "LaggardRule", "WebhookDelivery", "WebhookEndpoint"]
