"""Vietnamese labels for template-context keys, used by the changelog.

The one place to name a field for reviewers.  A key is looked up by its
dotted path without list indices first (``signature.title``), then by its
last part (``update_cycle``); a key found in neither is shown as written.
"""

from __future__ import annotations

LABELS: dict[str, str] = {
    # header and signature block
    "agency_parent": "Cơ quan chủ quản",
    "agency_name": "Cơ quan ban hành",
    "number_line": "Số, ký hiệu",
    "date_line": "Địa danh, ngày tháng",
    "title": "Trích yếu",
    "competence": "Thẩm quyền ban hành",
    "legal_bases": "Căn cứ ban hành",
    "proposal": "Đề nghị",
    "signature.form_line": "Thẩm quyền ký",
    "signature.title": "Chức vụ người ký",
    "signature.name": "Người ký",
    "recipients": "Nơi nhận",
    "archive_line": "Lưu",
    "articles": "Điều khoản",
    # appendix
    "appendix.label": "Phụ lục",
    "appendix.title": "Tên phụ lục",
    "appendix.attached": "Dòng kèm theo phụ lục",
    "total": "Tổng số mục",
    "groups": "Nhóm",
    # lists of entries (matched by id)
    "groups.rows": "Danh mục cơ sở dữ liệu",
    "rows": "Danh mục dữ liệu mở",
    # fields of an entry
    "name": "Tên",
    "description": "Mô tả",
    "unit": "Đơn vị",
    "data_source": "Nguồn dữ liệu",
    "collection_mode": "Hình thức thu thập",
    "mechanism": "Cơ chế thu thập, cập nhật",
    "update_cycle": "Chu kỳ cập nhật",
    "update_frequency": "Tần suất cập nhật",
    "sharing": "Hình thức chia sẻ",
    "priority": "Mức ưu tiên",
    "phase": "Giai đoạn",
    "fields": "Các trường dữ liệu chính",
    "formats": "Định dạng",
    "licence": "Giấy phép",
    "source": "Cơ sở dữ liệu nguồn",
    # amounts (ints are written with Vietnamese digit grouping)
    "amount": "Kinh phí",
    "cost": "Kinh phí",
}

#: Keys that only number or identify things: a change there is a consequence
#: of another change (an entry added above), not news for a reviewer.
IGNORED: frozenset[str] = frozenset({"id", "stt", "numeral", "draft_marker"})

#: Values from a closed vocabulary, capitalised in table cells but written in
#: lower case inside a changelog sentence ("hàng tháng → hàng quý").
LOWERCASE_VALUES: frozenset[str] = frozenset(
    {"collection_mode", "update_cycle", "update_frequency", "sharing"}
)

#: Units written after an amount, by key.
UNITS: dict[str, str] = {"amount": "đồng", "cost": "đồng"}


def label(path: tuple[str, ...]) -> str:
    """The Vietnamese label of a context key given its path of keys."""
    return LABELS.get(".".join(path)) or LABELS.get(path[-1] if path else "", path[-1])
