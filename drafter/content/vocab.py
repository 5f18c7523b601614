"""Allowed values of every enumeration, defined once.

Error messages list these values; the documents print them as written.
"""

from __future__ import annotations

from typing import Literal, get_args

CollectionMode = Literal[
    "số hóa từ hồ sơ giấy",
    "thu thập từ địa phương qua phần mềm",
    "kết nối từ hệ thống khác",
    "điều tra, khảo sát",
    "cập nhật trực tiếp trên hệ thống",
]

UpdateCycle = Literal[
    "hàng ngày",
    "hàng tuần",
    "hàng tháng",
    "hàng quý",
    "6 tháng",
    "hàng năm",
    "5 năm",
    "khi có thay đổi",
]

SharingForm = Literal[
    "kết nối qua LGSP/NDXP",
    "dịch vụ API",
    "tệp dữ liệu",
    "không chia sẻ",
]

DatabaseKind = Literal["cơ sở dữ liệu", "hệ thống thông tin"]

DataFormat = Literal["CSV", "JSON", "XLSX", "XML", "ODS"]

UnitKind = Literal["office", "department", "inspectorate", "service_unit", "local", "external"]

LegalKind = Literal[
    "Hiến pháp",
    "Luật",
    "Nghị quyết",
    "Nghị định",
    "Quyết định",
    "Chỉ thị",
    "Thông tư",
    "Kế hoạch",
    "Thông báo",
    "Công văn",
]

#: Signature forms of Decree 30: on behalf of (KT.), for a collective (TM.),
#: acting (Q.), by order (TL.), by authorisation (TUQ.), or the head signing.
SignatureForm = Literal["none", "KT", "TM", "Q", "TL", "TUQ"]

Priority = Literal[1, 2, 3]


def allowed(literal: object) -> tuple[object, ...]:
    """The allowed values of a ``Literal`` alias."""
    return get_args(literal)
