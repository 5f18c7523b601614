"""The submission (Tờ trình) of the Committee to the Prime Minister asking for
approval of the Project: the necessity, the purpose, the drafting process
(with the Board and the rounds of comments counted from the feedback
registers), the Project's layout and main content (taken from the Project), the
request, and the documents attached.
"""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import Field

from drafter.content.linked import LinkedContent
from drafter.content.load import PathKey
from drafter.content.models import Id, Text

#: Computed values the Tờ trình's text may use as ``{name}``.
SUBMISSION_PLACEHOLDERS = frozenset(
    {
        "ten_de_an",
        "so_nhiem_vu",
        "so_csdl",
        "tong_kinh_phi",
        "so_thanh_vien_ban",
        "so_thanh_vien_to",
        "so_y_kien",
        "so_don_vi_gop_y",
        "so_vong_gop_y",
        "han_trinh",
    }
)


class SubmissionContent(LinkedContent):
    """A Tờ trình (TTr): header, "Kính gửi", the body, the request, the attachments."""

    #: who it is addressed to ("Thủ tướng Chính phủ")
    addressee: Text
    #: the Project it asks to approve (a document id of kind project)
    project: Id
    #: the Drafting Board's Decision (a document id of kind board_decision), if any
    board: Id | None = None
    #: the synthesis tables whose registers count the rounds of comments
    comments: list[Id] = Field(default_factory=list)
    necessity: list[Text] = Field(min_length=1)
    purpose: list[Text] = Field(min_length=1)
    process: list[Text] = Field(min_length=1)
    request: Text
    #: documents sent with it, by document id, in the order listed
    attachments: list[Id] = Field(min_length=1)

    def links(self) -> list[tuple[PathKey, str, str]]:
        out: list[tuple[PathKey, str, str]] = [(("project",), self.project, "project")]
        if self.board is not None:
            out.append((("board",), self.board, "board_decision"))
        out += [(("comments", i), d, "comment_synthesis") for i, d in enumerate(self.comments)]
        out += [(("attachments", i), d, "") for i, d in enumerate(self.attachments)]
        return out

    def texts(self) -> Iterator[tuple[PathKey, str]]:
        """Every text that may hold ``{name}`` values, with its field path."""
        yield ("title",), self.title
        for name in ("necessity", "purpose", "process"):
            for i, text in enumerate(getattr(self, name)):
                yield (name, i), text
        yield ("request",), self.request
