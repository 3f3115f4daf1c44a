"""Centres' published documents: what an upload must be, and how it is stored and served.

Uploads come from centre staff's own machines, and the files are served to anyone, so the
content is checked, not the name or the browser's content type: a PDF starts with `%PDF-` and
ends with an `%%EOF` marker (a few bytes of trailing whitespace or junk are common, so the marker
is looked for near the end). The stored name is random (see `document_upload_to`) and the
download name is built from the title and year, never from what the uploader called the file.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django import forms
from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from portal.core.folding import fold

if TYPE_CHECKING:
    from .models import CentreDocument

PDF_HEADER = b"%PDF-"
PDF_END_MARKER = b"%%EOF"
# How far from the end the %%EOF marker may be: writers add newlines, some add padding.
PDF_TAIL_BYTES = 1024
# The first bytes of a Windows program; named so that the error can say what the file is.
WINDOWS_PROGRAM_HEADER = b"MZ"
DOWNLOAD_NAME_MAX_LENGTH = 80


def _head_and_tail(upload: File) -> tuple[bytes, bytes]:
    upload.seek(0)
    head = upload.read(len(PDF_HEADER))
    upload.seek(max(0, upload.size - PDF_TAIL_BYTES))
    tail = upload.read(PDF_TAIL_BYTES)
    upload.seek(0)
    return head, tail


def validate_pdf_upload(upload: File) -> None:
    """Refuse anything that is not a PDF within the size limit, whatever its name says."""
    limit = settings.DOCUMENT_MAX_UPLOAD_BYTES
    if upload.size > limit:
        raise ValidationError(
            _("The file is %(size)s; the largest file allowed is %(limit)s."),
            code="too_large",
            params={"size": filesizeformat(upload.size), "limit": filesizeformat(limit)},
        )
    head, tail = _head_and_tail(upload)
    if head.startswith(WINDOWS_PROGRAM_HEADER):
        raise ValidationError(
            _("The file is a Windows program, not a PDF. Only PDF documents can be published."),
            code="program",
        )
    # A real PDF ends with the cross-reference pointer and the end marker; text with a PDF
    # header pasted on top (an HTML page, say) has neither.
    if head != PDF_HEADER or PDF_END_MARKER not in tail or b"startxref" not in tail:
        raise ValidationError(
            _(
                "The file is not a PDF document (or it is damaged). Save or export the document "
                "as PDF and upload it again."
            ),
            code="not_pdf",
        )


class PdfUploadField(forms.FileField):
    """The admin's file field: checks the content of a new upload (an unchanged file was
    checked when it was uploaded) and asks the browser to offer PDF files only."""

    default_validators = [validate_pdf_upload]

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("widget", forms.FileInput(attrs={"accept": "application/pdf,.pdf"}))
        super().__init__(**kwargs)


def download_name(*, title: str, year: int) -> str:
    """A plain ASCII file name from the title and year: safe in every browser and file system."""
    stem = slugify(fold(title))[:DOWNLOAD_NAME_MAX_LENGTH].strip("-")
    stem = stem or "dokument"
    if str(year) not in stem:
        stem = f"{stem}-{year}"
    return f"{stem}.pdf"


@transaction.atomic
def save_document(*, document: CentreDocument, by: AbstractBaseUser) -> CentreDocument:
    """Store a new or changed document; a new file records who uploaded it and when.

    A replaced file is removed from storage once the change is committed, so that a rolled
    back change never loses the file the page still points at.
    """
    previous_name = None
    if document.pk is not None:
        previous_name = (
            type(document).objects.filter(pk=document.pk).values_list("file", flat=True).first()
        )
    file_is_new = not document.file._committed
    if file_is_new:
        document.file_size = document.file.size
        document.uploaded_at = timezone.now()
        document.uploaded_by = by if by.is_authenticated else None
    document.save()
    if file_is_new and previous_name and previous_name != document.file.name:
        _delete_file_after_commit(document, previous_name)
    return document


@transaction.atomic
def delete_document(*, document: CentreDocument) -> None:
    name = document.file.name
    document.delete()
    _delete_file_after_commit(document, name)


def _delete_file_after_commit(document: CentreDocument, name: str) -> None:
    storage = document.file.storage
    transaction.on_commit(lambda: storage.delete(name))
