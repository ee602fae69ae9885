"""Images of imported HTML pages: read from beside the page (the same folder or archive, never
fetched over the network), stored once as Wagtail images (matched by file hash on re-import),
and placed in the body with their alternative text."""

from __future__ import annotations

import hashlib
import io
from pathlib import PurePosixPath

from django.core.files.images import ImageFile
from django.utils.translation import gettext as _
from wagtail.images import get_image_model

from kennisbank.core.markdown_body import image_block

from .parsed import ParsedArticle
from .sources import SourceItem

IMAGE_EXTENSIONS = {".png", ".jpg", ".jpeg", ".gif", ".webp"}


def add_images(article: ParsedArticle, item: SourceItem, user, notes: list[str]) -> list[dict]:
    """The article's body with an image block for every image that could be read."""
    body = list(article.body)
    for ref in sorted(article.images, key=lambda ref: ref.position, reverse=True):
        image_id = _store(ref.src, ref.alt or ref.caption, item, user, notes)
        if image_id is not None:
            body.insert(ref.position, image_block(image_id, ref.alt or ref.caption, ref.caption))
    return body


def _store(src: str, title: str, item: SourceItem, user, notes: list[str]) -> int | None:
    suffix = PurePosixPath(src.split("?")[0]).suffix.lower()
    data = item.sibling(src) if item.sibling and suffix in IMAGE_EXTENSIONS else None
    if data is None:
        notes.append(
            _("image %(src)r not found beside the page: left out (alt text: %(alt)r)")
            % {"src": src[:100], "alt": title}
        )
        return None
    Image = get_image_model()
    file_hash = hashlib.sha1(data, usedforsecurity=False).hexdigest()
    existing = Image.objects.filter(file_hash=file_hash).values_list("pk", flat=True).first()
    if existing:
        return existing
    try:
        from PIL import Image as PILImage

        with PILImage.open(io.BytesIO(data)) as probe:
            probe.verify()
    except Exception:
        notes.append(_("image %(src)r is not a readable image: left out") % {"src": src[:100]})
        return None
    image = Image(title=title[:255] or PurePosixPath(src).name, uploaded_by_user=user)
    image.file = ImageFile(io.BytesIO(data), name=PurePosixPath(src).name[:100])
    image.file_hash = file_hash
    image.save()
    return image.pk
