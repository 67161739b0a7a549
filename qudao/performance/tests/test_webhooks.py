"""Delivery to a real HTTP server on 127.0.0.1 (random port), playing WeCom and DingTalk robots."""

import datetime as dt
import json
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from qudao.performance.bulletins import bulletin_publish, generate_bulletin
from qudao.performance.choices import DeliveryStatus, WebhookKind
from qudao.performance.delivery import deliver_bulletin, dingtalk_signature
from qudao.performance.models import WebhookDelivery, WebhookEndpoint

pytestmark = pytest.mark.django_db

WEEK = dt.date(2026, 10, 12)


class Robot(BaseHTTPRequestHandler):
    received: list  # set per server
    answer = {"errcode": 0, "errmsg": "ok"}

    def do_POST(self):  # noqa: N802 (http.server's naming)
        body = self.rfile.read(int(self.headers["Content-Length"]))
        self.server.received.append({"path": self.path, "body": json.loads(body), "type": self.headers["Content-Type"]})
        answer = self.server.answers.get(urllib.parse.urlsplit(self.path).path, self.answer)
        data = json.dumps(answer).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


@pytest.fixture
def robot():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Robot)
    server.received, server.answers = [], {}
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    server.base = f"http://127.0.0.1:{server.server_address[1]}"
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def bulletin(cast, volumes):
    for code, before, now in [("OA1", 10, 12), ("OB1", 5, 4), ("OC1", 3, 9)]:
        volumes.sell(code, WEEK - dt.timedelta(days=7), before)
        volumes.sell(code, WEEK, now)
    cast.agent1.name = "城东代理商"
    cast.agent1.save()
    generated, _created = generate_bulletin(week_start=WEEK)
    return bulletin_publish(bulletin=generated)


def test_wecom_gets_the_markdown_ranking_of_its_node(cast, bulletin, robot):
    WebhookEndpoint.objects.create(name="County 1", kind=WebhookKind.WECOM, url=f"{robot.base}/cgi-bin/webhook/send?key=abc123",
                                   node=cast.county1)

    assert deliver_bulletin(bulletin=bulletin) == {"sent": 1, "failed": 0, "already": 0}

    (request,) = robot.received
    assert request["path"] == "/cgi-bin/webhook/send?key=abc123"
    assert request["type"].startswith("application/json")
    assert request["body"]["msgtype"] == "markdown"
    text = request["body"]["markdown"]["content"]
    assert "County 1" in text and "城东代理商" in text and "Agent 2" in text
    assert "Agent 3" not in text  # county 2 is not this robot's node
    assert text.index("城东代理商") < text.index("Agent 2")  # ranked: 12 before 4
    assert "+20.0%" in text and "-20.0%" in text
    delivery = WebhookDelivery.objects.get()
    assert (delivery.status, delivery.http_status, delivery.bulletin) == (DeliveryStatus.SENT, 200, bulletin)
    assert json.loads(delivery.response) == {"errcode": 0, "errmsg": "ok"}
    assert delivery.payload == request["body"]


def test_dingtalk_messages_are_signed(cast, bulletin, robot):
    WebhookEndpoint.objects.create(name="Company", kind=WebhookKind.DINGTALK, url=f"{robot.base}/robot/send?access_token=tok",
                                   secret="SECtest", node=cast.company)

    deliver_bulletin(bulletin=bulletin)

    (request,) = robot.received
    query = urllib.parse.parse_qs(urllib.parse.urlsplit(request["path"]).query)
    assert query["access_token"] == ["tok"]
    assert query["sign"] == [dingtalk_signature("SECtest", int(query["timestamp"][0]))]
    markdown = request["body"]["markdown"]
    assert request["body"]["msgtype"] == "markdown" and markdown["title"]
    assert all(name in markdown["text"] for name in ("城东代理商", "Agent 2", "Agent 3"))


def test_failures_are_recorded_and_retried_but_a_delivered_endpoint_never_twice(cast, bulletin, robot):
    good = WebhookEndpoint.objects.create(name="ok", kind=WebhookKind.WECOM, url=f"{robot.base}/ok", node=cast.county1)
    bad = WebhookEndpoint.objects.create(name="refuses", kind=WebhookKind.WECOM, url=f"{robot.base}/bad", node=cast.county2)
    WebhookEndpoint.objects.create(name="off", kind=WebhookKind.WECOM, url=f"{robot.base}/off", node=cast.company, is_active=False)
    robot.answers["/bad"] = {"errcode": 93000, "errmsg": "invalid webhook url"}

    assert deliver_bulletin(bulletin=bulletin) == {"sent": 1, "failed": 1, "already": 0}
    failed = WebhookDelivery.objects.get(endpoint=bad)
    assert failed.status == DeliveryStatus.FAILED and "93000" in failed.error and failed.http_status == 200

    robot.answers.pop("/bad")
    assert deliver_bulletin(bulletin=bulletin) == {"sent": 1, "failed": 0, "already": 1}
    assert [r["path"] for r in robot.received] == ["/ok", "/bad", "/bad"]
    assert WebhookDelivery.objects.filter(endpoint=good).count() == 1


def test_an_unreachable_robot_is_a_failed_attempt(cast, bulletin, robot):
    port = robot.server_address[1]
    robot.shutdown()
    robot.server_close()
    WebhookEndpoint.objects.create(name="gone", kind=WebhookKind.WECOM, url=f"http://127.0.0.1:{port}/x", node=cast.company)

    assert deliver_bulletin(bulletin=bulletin)["failed"] == 1
    delivery = WebhookDelivery.objects.get()
    assert delivery.http_status is None and delivery.error


def test_drafts_are_not_sent(cast, volumes, robot):
    draft, _created = generate_bulletin(week_start=WEEK)
    WebhookEndpoint.objects.create(name="x", kind=WebhookKind.WECOM, url=f"{robot.base}/x", node=cast.company)

    assert deliver_bulletin(bulletin=draft)["sent"] == 0 and not robot.received
