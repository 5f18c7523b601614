"""Generate large, realistic database-list projects for the benchmark.

``generate_project(dest, entries)`` copies the sample project (content/ and
templates/ side by side, as in the repository) and grows its database
register to ``entries`` entries: the 33 sample entries (which the open-data
register refers to) followed by generated ones.  Generated entries are
Vietnamese, with unique names and ids, spread over the sample's sectors,
managing units, collection modes, update cycles, priorities and phases, so
the appendix table groups and wraps as the real one does.  The output is
deterministic for a given ``entries`` and ``seed``.

Entries are kept short enough that 10,000 of them stay under the content
loader's file-size limit (drafter.content.load.MAX_CONTENT_BYTES).

Run as a script to write a project: ``python bench/generate.py 1000 /tmp/p``.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
from pathlib import Path

import yaml

from drafter.content.vocab import CollectionMode, UpdateCycle, allowed

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "content"
TEMPLATES = REPO / "templates"

SECTORS = [
    "cong-tac-dan-toc",
    "kinh-te-xa-hoi",
    "ctmtqg-1719",
    "quan-ly-noi-bo",
    "tthc-phap-che-thanh-tra",
    "thong-tin-tuyen-truyen",
    "dao-tao-nghien-cuu",
]
UNITS = [
    ("vu-dtts", "Vụ Dân tộc thiểu số"),
    ("vu-csdt", "Vụ Chính sách dân tộc"),
    ("vu-khtc", "Vụ Kế hoạch - Tài chính"),
    ("vu-ctdtdp", "Vụ Công tác dân tộc địa phương"),
    ("vu-tt", "Vụ Tuyên truyền"),
    ("vpdp", "Văn phòng Điều phối Chương trình mục tiêu quốc gia"),
    ("ttcds", "Trung tâm Chuyển đổi số"),
    ("hvdt", "Học viện Dân tộc"),
    ("vp", "Văn phòng Ủy ban"),
    ("thanh-tra", "Thanh tra Ủy ban"),
]
# the enumerations' allowed values, defined once in drafter.content.vocab
COLLECTION_MODES = [str(v) for v in allowed(CollectionMode)]
UPDATE_CYCLES = [str(v) for v in allowed(UpdateCycle)]
SHARING = [
    ["kết nối qua LGSP/NDXP"],
    ["dịch vụ API"],
    ["tệp dữ liệu"],
    ["kết nối qua LGSP/NDXP", "dịch vụ API"],
    ["dịch vụ API", "tệp dữ liệu"],
    ["không chia sẻ"],
]
PHASES = ["gd-2023-2025", "gd-2026-2030"]
#: The document kinds a generated project keeps.
LIST_KINDS = ("database_list_decision", "open_data_list_decision")

#: What a database is about: (slug, words).  Combined with a population and a
#: place, these give names that differ in more than one word.
TOPICS = [
    ("ho-ngheo", "hộ nghèo, hộ cận nghèo"),
    ("nha-o", "hỗ trợ nhà ở, đất ở và đất sản xuất"),
    ("nuoc-sach", "công trình nước sinh hoạt tập trung"),
    ("giao-thong", "đường giao thông nông thôn"),
    ("truong-hoc", "trường phổ thông dân tộc nội trú, bán trú"),
    ("tram-y-te", "trạm y tế xã và nhân viên y tế thôn bản"),
    ("dien-luoi", "điện lưới quốc gia đến thôn, bản"),
    ("cho-nong-thon", "chợ nông thôn và điểm giao thương"),
    ("rung", "giao đất, giao rừng và bảo vệ rừng"),
    ("du-lich", "du lịch cộng đồng gắn với văn hóa truyền thống"),
    ("le-hoi", "lễ hội truyền thống và di sản văn hóa phi vật thể"),
    ("tieng-noi", "tiếng nói, chữ viết dân tộc thiểu số"),
    ("hon-nhan", "tảo hôn và hôn nhân cận huyết thống"),
    ("di-cu", "di cư tự do và ổn định dân cư"),
    ("viec-lam", "lao động, việc làm và đào tạo nghề"),
    ("tin-dung", "tín dụng chính sách ưu đãi"),
    ("nguoi-uy-tin", "người có uy tín và chế độ được hưởng"),
    ("can-bo", "cán bộ, công chức người dân tộc thiểu số"),
    ("hoc-bong", "học sinh, sinh viên cử tuyển và học bổng"),
    ("dinh-duong", "dinh dưỡng trẻ em và chăm sóc sức khỏe bà mẹ"),
    ("duoc-lieu", "vùng trồng dược liệu quý"),
    ("hop-tac-xa", "hợp tác xã và chuỗi giá trị nông sản"),
    ("sinh-ke", "mô hình sinh kế và giảm nghèo bền vững"),
    ("thien-tai", "thiên tai, sạt lở và tái định cư"),
    ("bien-gioi", "thôn, bản biên giới đặc biệt khó khăn"),
    ("internet", "hạ tầng viễn thông và internet"),
    ("phap-ly", "trợ giúp pháp lý và phổ biến pháp luật"),
    ("khieu-nai", "đơn thư khiếu nại, tố cáo"),
    ("thi-dua", "thi đua, khen thưởng"),
    ("tai-chinh", "dự toán và quyết toán kinh phí"),
    ("bao-chi", "tin bài báo chí và ấn phẩm tuyên truyền"),
    ("nghien-cuu", "đề tài, nhiệm vụ khoa học và công nghệ"),
]
POPULATIONS = [
    ("hmong", "đồng bào Mông"),
    ("dao", "đồng bào Dao"),
    ("thai", "đồng bào Thái"),
    ("tay", "đồng bào Tày"),
    ("nung", "đồng bào Nùng"),
    ("khmer", "đồng bào Khmer"),
    ("ede", "đồng bào Ê Đê"),
    ("giarai", "đồng bào Gia Rai"),
    ("bana", "đồng bào Ba Na"),
    ("muong", "đồng bào Mường"),
    ("cham", "đồng bào Chăm"),
    ("xodang", "đồng bào Xơ Đăng"),
    ("rat-it-nguoi", "các dân tộc rất ít người"),
    ("vung-cao", "vùng cao, vùng sâu"),
]
PROVINCES = [
    ("ha-giang", "Hà Giang"),
    ("cao-bang", "Cao Bằng"),
    ("bac-kan", "Bắc Kạn"),
    ("tuyen-quang", "Tuyên Quang"),
    ("lao-cai", "Lào Cai"),
    ("dien-bien", "Điện Biên"),
    ("lai-chau", "Lai Châu"),
    ("son-la", "Sơn La"),
    ("yen-bai", "Yên Bái"),
    ("hoa-binh", "Hòa Bình"),
    ("thai-nguyen", "Thái Nguyên"),
    ("lang-son", "Lạng Sơn"),
    ("bac-giang", "Bắc Giang"),
    ("phu-tho", "Phú Thọ"),
    ("thanh-hoa", "Thanh Hóa"),
    ("nghe-an", "Nghệ An"),
    ("quang-binh", "Quảng Bình"),
    ("quang-tri", "Quảng Trị"),
    ("quang-nam", "Quảng Nam"),
    ("quang-ngai", "Quảng Ngãi"),
    ("kon-tum", "Kon Tum"),
    ("gia-lai", "Gia Lai"),
    ("dak-lak", "Đắk Lắk"),
    ("dak-nong", "Đắk Nông"),
    ("lam-dong", "Lâm Đồng"),
    ("ninh-thuan", "Ninh Thuận"),
    ("binh-phuoc", "Bình Phước"),
    ("tra-vinh", "Trà Vinh"),
    ("soc-trang", "Sóc Trăng"),
    ("bac-lieu", "Bạc Liêu"),
    ("ca-mau", "Cà Mau"),
    ("an-giang", "An Giang"),
    ("kien-giang", "Kiên Giang"),
]
KIND_WORDS = {
    "cơ sở dữ liệu": "Cơ sở dữ liệu",
    "hệ thống thông tin": "Hệ thống thông tin quản lý",
}
SOURCES = [
    "Báo cáo của Ban Dân tộc tỉnh {p}",
    "Kết quả rà soát của Ủy ban nhân dân tỉnh {p}",
    "Hồ sơ lưu trữ của các sở, ngành tỉnh {p}",
    "Điều tra, khảo sát tại tỉnh {p}",
]
MECHANISMS = [
    "Cấp huyện nhập trên phần mềm; Ban Dân tộc tỉnh {p} duyệt.",
    "Nhận qua trục LGSP của tỉnh {p}; {u} chuẩn hóa.",
    "Ban Dân tộc tỉnh {p} số hóa; {u} rà soát, cập nhật.",
]


def _combinations() -> list[tuple[int, int, int]]:
    """(topic, population, province) triples in an order that spreads all three."""
    combos = [
        (t, p, v)
        for v in range(len(PROVINCES))
        for p in range(len(POPULATIONS))
        for t in range(len(TOPICS))
    ]
    random.Random(7).shuffle(combos)
    return combos


def generated_entries(count: int, seed: int = 0) -> list[dict[str, object]]:
    """``count`` generated database entries (unique ids and names)."""
    combos = _combinations()
    if count > len(combos):
        raise ValueError(f"at most {len(combos)} generated entries")
    rng = random.Random(seed)
    entries: list[dict[str, object]] = []
    for index, (t, p, v) in enumerate(combos[:count]):
        topic_id, topic = TOPICS[t]
        pop_id, population = POPULATIONS[p]
        prov_id, province = PROVINCES[v]
        kind = "cơ sở dữ liệu" if index % 4 else "hệ thống thông tin"
        unit_id, unit = UNITS[rng.randrange(len(UNITS))]
        entries.append(
            {
                "id": f"g-{topic_id}-{pop_id}-{prov_id}",
                "kind": kind,
                "name": f"{KIND_WORDS[kind]} {topic} của {population} tỉnh {province}",
                "description": (
                    f"Thông tin về {topic} của {population} trên địa bàn tỉnh {province}, "
                    "theo từng xã, thôn."
                ),
                "sector": SECTORS[(t + index) % len(SECTORS)],
                "managing_unit": unit_id,
                "data_source": rng.choice(SOURCES).format(p=province) + ".",
                "collection_mode": rng.choice(COLLECTION_MODES),
                "mechanism": rng.choice(MECHANISMS).format(p=province, u=unit),
                "update_cycle": rng.choice(UPDATE_CYCLES),
                "sharing": rng.choice(SHARING),
                "priority": rng.randint(1, 3),
                "phase": rng.choice(PHASES),
            }
        )
    return entries


class _NoAliases(yaml.SafeDumper):
    def ignore_aliases(self, data: object) -> bool:
        return True


def generate_project(dest: Path, entries: int, seed: int = 0) -> Path:
    """Write a project with ``entries`` database entries under ``dest``.

    ``dest`` gets content/ and templates/ (replaced if present); returns the
    content folder.  ``entries`` below 33 keeps the first entries of the sample
    (the open-data register's sources are among the 33, so use at least 33).
    """
    content = dest / "content"
    for folder in (content, dest / "templates", dest / "output"):
        if folder.exists():
            shutil.rmtree(folder)
    # without the version registry a local build may have left: a fresh project
    shutil.copytree(SAMPLE, content, ignore=shutil.ignore_patterns(".drafter-state"))
    shutil.copytree(TEMPLATES, dest / "templates")
    # Other document kinds (the Project, reports) state rules over the whole
    # register, such as "every priority-1 database has a task", that generated
    # entries cannot meet: the generated project holds only the list Decisions.
    project_file = content / "drafter.yaml"
    project = yaml.safe_load(project_file.read_text(encoding="utf-8"))
    project["documents"] = [d for d in project["documents"] if d["kind"] in LIST_KINDS]
    project_file.write_text(
        yaml.dump(project, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    if entries == 33:
        return content
    register = content / "registries" / "databases.yaml"
    data = yaml.safe_load(register.read_text(encoding="utf-8"))
    sample = data["databases"]
    if entries < len(sample):
        raise ValueError(f"use at least {len(sample)} entries (the sample's)")
    data["databases"] = sample + generated_entries(entries - len(sample), seed)
    # written out in full: anchors and aliases for the shared "sharing" lists
    # would expand past the loader's alias limit at 10,000 entries
    text = yaml.dump(data, Dumper=_NoAliases, allow_unicode=True, sort_keys=False, width=1000)
    register.write_text(
        "# Generated by bench/generate.py: sample entries, then generated ones.\n" + text,
        encoding="utf-8",
    )
    return content


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("entries", type=int, help="number of database entries (>= 33)")
    parser.add_argument("dest", type=Path, help="folder to write content/ and templates/ into")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    content = generate_project(args.dest, args.entries, args.seed)
    print(content)
    return 0


if __name__ == "__main__":
    sys.exit(main())
