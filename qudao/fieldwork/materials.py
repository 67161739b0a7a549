"""Training materials: size-limited, of a few known document types (checked by their first bytes,
not their name), stored under generated names and handed out only through their session."""

import uuid
from dataclasses import dataclass
from pathlib import PurePath

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils.translation import gettext as _

from qudao.core.errors import BusinessRuleError

MATERIAL_DIR = "fieldwork/materials"
DEFAULT_MAX_BYTES = 20 * 1024 * 1024
ZIP = b"PK\x03\x04"
# extension → (content type, the bytes such a file starts with)
KINDS = {
    "pdf": ("application/pdf", b"%PDF-"),
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", ZIP),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ZIP),
    "pptx": ("application/vnd.openxmlformats-officedocument.presentationml.presentation", ZIP),
    "jpg": ("image/jpeg", b"\xff\xd8\xff"),
    "jpeg": ("image/jpeg", b"\xff\xd8\xff"),
    "png": ("image/png", b"\x89PNG\r\n\x1a\n"),
}


@dataclass(frozen=True)
class Checked:
    uuid: uuid.UUID
    content: bytes
    original_name: str
    extension: str

    @property
    def content_type(self) -> str:
        return KINDS[self.extension][0]

    @property
    def storage_name(self) -> str:
        return f"{MATERIAL_DIR}/{self.uuid.hex[:2]}/{self.uuid.hex}.{self.extension}"


def max_bytes() -> int:
    return int(getattr(settings, "QUDAO_TRAINING_MATERIAL_MAX_BYTES", DEFAULT_MAX_BYTES))


def clean_name(name: str) -> str:
    """The file's own name without any path or control characters, for display and download only."""
    base = PurePath((name or "").replace("\\", "/")).name
    base = "".join(ch for ch in base if ch.isprintable() and ch not in '"<>')
    return base[-120:] or "file"


def check(upload) -> Checked:
    limit = max_bytes()
    upload.seek(0)
    content = upload.read(limit + 1)
    if not content:
        raise BusinessRuleError(_("The file is empty."))
    if len(content) > limit:
        raise BusinessRuleError(_("The file is larger than %(mb)s MB.") % {"mb": round(limit / 1024 / 1024, 1)})
    name = clean_name(getattr(upload, "name", ""))
    extension = PurePath(name).suffix.lower().lstrip(".")
    if extension not in KINDS:
        raise BusinessRuleError(_("Only PDF, Word, Excel, PowerPoint, JPEG or PNG files are accepted."))
    if not content.startswith(KINDS[extension][1]):
        raise BusinessRuleError(_("The file's content does not match its type."))
    return Checked(uuid=uuid.uuid4(), content=content, original_name=name, extension=extension)


def store(checked: Checked) -> str:
    return default_storage.save(checked.storage_name, ContentFile(checked.content))


def discard(names) -> None:
    for name in names:
        default_storage.delete(name)
