"""E-mails (``.eml``, standard library): subject as title, ``Date:`` as release date, the text/plain part or the
HTML part as paragraphs, attachments listed in metadata."""

from __future__ import annotations

import re
from collections.abc import Iterator
from email.message import EmailMessage
from typing import Any, BinaryIO

from pressroom.core.document import Document
from pressroom.core.errors import InputError
from pressroom.core.readers import Reader, Record, file_id
from pressroom.plugins.readers.common import header_date, paragraphs_from_text
from pressroom.plugins.readers.markup import html_paragraphs

# A message starts with header fields; these are the ones that tell it is an e-mail.
_HEADER = re.compile(rb"^(From|To|Subject|Date|Message-ID|MIME-Version|Received|Return-Path|Delivered-To):[ \t]",
                     re.IGNORECASE | re.MULTILINE)


class EmlReader(Reader):
    name = "eml"
    description = ("an e-mail: subject as title, Date: as date, the plain-text part (else the HTML part) as text, "
                   "attachments in metadata; id from the file name")
    extensions = (".eml",)

    @classmethod
    def sniff(cls, head: bytes) -> bool:
        first_line = head.split(b"\n", 1)[0]
        return re.match(rb"[A-Za-z][A-Za-z0-9-]*:[ \t]", first_line) is not None and len(
            {m.group(1).lower() for m in _HEADER.finditer(head)}) >= 2

    def read(self, stream: BinaryIO, source: str) -> Iterator[Record]:
        # Imported here, not at start-up: a run that reads no e-mail need not load the parser and its policy.
        from email import policy
        from email.parser import BytesParser

        message = BytesParser(policy=policy.default).parse(stream)
        assert isinstance(message, EmailMessage)  # what policy.default makes
        yield _document(message, source)


def _document(message: EmailMessage, source: str) -> Record:
    if not message.keys():
        return InputError("no e-mail headers (Subject:, Date:, ...) at the start; check the file", source=source)
    body = message.get_body(preferencelist=("plain", "html"))
    paragraphs: list[str] = []
    if body is not None:
        content = body.get_content()
        text = content if isinstance(content, str) else content.decode(errors="replace")
        paragraphs = html_paragraphs(text) if body.get_content_type() == "text/html" else paragraphs_from_text(text)
    subject = str(message.get("subject") or "").strip()
    if not paragraphs and not subject:
        return InputError("the e-mail has neither a subject nor a text part; check the file", source=source)
    raw_date = str(message.get("date") or "")
    date = header_date(raw_date)
    if raw_date and date is None:
        return InputError(f"the Date: header {raw_date!r} is not an e-mail date (like 'Mon, 15 Dec 2022 "
                          "09:00:00 +0000'); fix or remove it", source=source)
    metadata: dict[str, Any] = {key: str(message[header]) for key, header in
                                (("from", "from"), ("to", "to"), ("message_id", "message-id")) if message[header]}
    attachments = [{"filename": part.get_filename() or "", "content_type": part.get_content_type(),
                    "size": len(part.get_payload(decode=True) or b"")} for part in message.iter_attachments()]
    if attachments:
        metadata["attachments"] = attachments
    return Document(id=file_id(source), title=subject, text="\n\n".join(paragraphs), date=date, source=source,
                    metadata=metadata)
