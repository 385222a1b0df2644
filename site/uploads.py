"""The one check of uploaded files: size, extension, and content (magic bytes) agreeing with it.

Used by performance evidence and by proof of outside learning. A file named ``.pdf`` that is not a
PDF is refused; the caller stores the returned content type and always serves the file as an
attachment (see :mod:`pamong.storage`).
"""

from __future__ import annotations

import os

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

PDF = {".pdf": ("application/pdf", (b"%PDF-",))}
IMAGES = {
    ".png": ("image/png", (b"\x89PNG\r\n\x1a\n",)),
    ".jpg": ("image/jpeg", (b"\xff\xd8\xff",)),
    ".jpeg": ("image/jpeg", (b"\xff\xd8\xff",)),
}
OFFICE = {
    ".xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", (b"PK\x03\x04",)),
    ".docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", (b"PK\x03\x04",)),
}


def upload_check(*, upload, types: dict[str, tuple[str, tuple[bytes, ...]]], max_bytes: int) -> str:
    """The content type of an acceptable ``upload``, else :class:`ValidationError` naming the file
    and the reason (too large, a type not allowed, content not matching its type)."""
    if upload.size > max_bytes:
        raise ValidationError(
            _("Berkas %(name)s terlalu besar (maksimal %(mb)s MB).")
            % {"name": upload.name, "mb": max_bytes // (1024 * 1024)}
        )
    ext = os.path.splitext(upload.name)[1].lower()
    if ext not in types:
        allowed = ", ".join(sorted({e.lstrip(".").upper().replace("JPEG", "JPG") for e in types}))
        raise ValidationError(
            _("Jenis berkas %(name)s tidak diizinkan (%(allowed)s).")
            % {"name": upload.name, "allowed": allowed}
        )
    content_type, magics = types[ext]
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    if not any(head.startswith(m) for m in magics):
        raise ValidationError(_("Isi berkas %(name)s tidak sesuai dengan jenisnya.") % {"name": upload.name})
    return content_type
