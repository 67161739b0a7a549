"""Posting to WeCom / DingTalk group robots; every attempt is recorded with what the robot said."""

import base64
import hashlib
import hmac
import json
import time
import urllib.error
import urllib.parse
import urllib.request

from django.utils.translation import gettext as _

from .choices import BulletinStatus, DeliveryStatus, WebhookKind
from .models import Bulletin, WebhookDelivery, WebhookEndpoint
from .summaries import bulletin_markdown, summary_title

TIMEOUT_SECONDS = 10
KEEP_RESPONSE_CHARS = 2000


def payload_for(endpoint: WebhookEndpoint, title: str, markdown: str) -> dict:
    if endpoint.kind == WebhookKind.WECOM:
        return {"msgtype": "markdown", "markdown": {"content": markdown}}
    return {"msgtype": "markdown", "markdown": {"title": title, "text": markdown}}


def dingtalk_signature(secret: str, timestamp_ms: int) -> str:
    """DingTalk's “additional signature”: base64(HMAC-SHA256(secret, "<timestamp>\\n<secret>"))."""
    digest = hmac.new(secret.encode(), f"{timestamp_ms}\n{secret}".encode(), hashlib.sha256).digest()
    return base64.b64encode(digest).decode()


def target_url(endpoint: WebhookEndpoint, timestamp_ms: int | None = None) -> str:
    if endpoint.kind != WebhookKind.DINGTALK or not endpoint.secret:
        return endpoint.url
    timestamp_ms = timestamp_ms or int(time.time() * 1000)
    query = urllib.parse.urlencode({"timestamp": timestamp_ms, "sign": dingtalk_signature(endpoint.secret, timestamp_ms)})
    return endpoint.url + ("&" if "?" in endpoint.url else "?") + query


def _post(url: str, payload: dict) -> tuple[int | None, str, str]:
    """(HTTP status, response body, error)."""
    if urllib.parse.urlsplit(url).scheme not in ("http", "https"):
        return None, "", _("Only http and https addresses are allowed.")
    body = json.dumps(payload, ensure_ascii=False).encode()
    headers = {"Content-Type": "application/json; charset=utf-8"}
    request = urllib.request.Request(url, data=body, method="POST", headers=headers)  # noqa: S310 (scheme checked above)
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:  # noqa: S310 (scheme checked above)
            return response.status, response.read(64 * 1024).decode(errors="replace"), ""
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read(64 * 1024).decode(errors="replace"), str(exc)
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        return None, "", str(exc)


def _robot_error(status: int | None, text: str) -> str:
    """Both robots answer HTTP 200 with {"errcode": 0} on success; anything else is a failure."""
    if status != 200:
        return _("HTTP status %(status)s") % {"status": status}
    try:
        answer = json.loads(text)
    except ValueError:
        return _("The robot did not answer with JSON.")
    if not isinstance(answer, dict) or answer.get("errcode") != 0:
        return _("The robot refused the message: %(answer)s") % {"answer": text[:200]}
    return ""


def send(*, endpoint: WebhookEndpoint, title: str, markdown: str, bulletin: Bulletin | None = None) -> WebhookDelivery:
    payload = payload_for(endpoint, title, markdown)
    started = time.monotonic()
    status, text, error = _post(target_url(endpoint), payload)
    error = error or _robot_error(status, text)
    return WebhookDelivery.objects.create(
        endpoint=endpoint, bulletin=bulletin, payload=payload, http_status=status,
        status=DeliveryStatus.FAILED if error else DeliveryStatus.SENT,
        response=text[:KEEP_RESPONSE_CHARS], error=error,
        duration_ms=int((time.monotonic() - started) * 1000),
    )


def deliver_bulletin(*, bulletin: Bulletin) -> dict[str, int]:
    """Sends the published bulletin to every active endpoint that has not received it yet
    (a failed endpoint is tried again on the next call; a delivered one never twice)."""
    if bulletin.status != BulletinStatus.PUBLISHED:
        return {"sent": 0, "failed": 0, "already": 0}
    delivered = set(
        WebhookDelivery.objects.filter(bulletin=bulletin, status=DeliveryStatus.SENT).values_list("endpoint_id", flat=True)
    )
    counts = {"sent": 0, "failed": 0, "already": 0}
    for endpoint in WebhookEndpoint.objects.filter(is_active=True).select_related("node"):
        if endpoint.pk in delivered:
            counts["already"] += 1
            continue
        delivery = send(endpoint=endpoint, title=summary_title(bulletin, endpoint.node),
                        markdown=bulletin_markdown(bulletin, endpoint.node), bulletin=bulletin)
        counts[delivery.status] += 1
    return counts
