"""The two list Decisions: the database list and the open data list."""

from __future__ import annotations

from template_kit import (
    new_document,
    new_section,
    setup_section,
)

from drawings.blocks import (
    appendix_heading,
    articles,
    decision_preamble,
    header_block,
    register_table,
    signature_block,
    title_block,
)

# "STT" and "LGSP/NDXP" fit their columns on one line in Word and LibreOffice
# too (cell padding included), not only in our PDF
DATABASE_COLUMNS = [
    ("STT", 1.3, "stt"),
    ("Tên hệ thống thông tin, cơ sở dữ liệu", 3.9, "name"),
    ("Đơn vị quản lý", 2.4, "unit"),
    ("Nguồn dữ liệu", 3.4, "data_source"),
    ("Phương thức thu thập", 2.4, "collection_mode"),
    ("Cơ chế thu thập, cập nhật", 3.9, "mechanism"),
    ("Chu kỳ cập nhật", 1.8, "update_cycle"),
    ("Hình thức chia sẻ", 2.6, "sharing"),
    ("Mức ưu tiên", 1.3, "priority"),
    ("Giai đoạn", 1.9, "phase"),
]

OPEN_DATA_COLUMNS = [
    ("STT", 1.3, "stt"),
    ("Tên dữ liệu mở", 3.6, "name"),
    ("Mô tả", 3.7, "description"),
    ("Đơn vị công bố", 2.4, "unit"),
    ("Các trường dữ liệu chính", 4.4, "fields"),
    ("Định dạng", 1.8, "formats"),
    ("Giấy phép", 3.2, "licence"),
    ("Tần suất cập nhật", 1.8, "update_frequency"),
    ("Thời gian công bố", 1.9, "phase"),
    ("Cơ sở dữ liệu nguồn", 2.7, "source"),
]


def decision(columns: list[tuple[str, float, str]], *, grouped: bool = True):
    doc = new_document()
    setup_section(doc.sections[0], title_page=True)
    header_block(doc)
    title_block(doc, "QUYẾT ĐỊNH")
    decision_preamble(doc)
    articles(doc)
    signature_block(doc)
    new_section(doc, landscape=True, restart_numbering=True)
    appendix_heading(doc)
    register_table(doc, columns, grouped=grouped)
    return doc


def database_list():
    return decision(DATABASE_COLUMNS)


def open_data_list():
    return decision(OPEN_DATA_COLUMNS, grouped=False)
