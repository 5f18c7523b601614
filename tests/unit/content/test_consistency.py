"""One source for every fact: `drafter check --strict` passes on the sample and
fails, located, on each kind of inconsistency."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from drafter.cli import main


def edit(content: Path, file: str, find: str, replace: str) -> None:
    path = content / file
    text = path.read_text(encoding="utf-8")
    assert find in text, f"{find!r} not in {file}"
    path.write_text(text.replace(find, replace, 1), encoding="utf-8")


def line_of(content: Path, file: str, needle: str) -> int:
    lines = (content / file).read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, 1) if needle in line)


def strict_check(content: Path) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["check", "--strict", "--project", str(content)])
    return result.exit_code, result.output


def test_sample_passes_strict_check(sample: Path) -> None:
    code, output = strict_check(sample)
    assert code == 0, output


def test_a_step_given_two_dates_is_located(sample: Path) -> None:
    board = "documents/qd-ban-soan-thao.yaml"
    edit(sample, board, "    step: de-cuong\n", "    step: de-cuong\n    deadline: 2023-06-30\n")
    code, output = strict_check(sample)
    assert code == 2
    registry_line = line_of(sample, "registries/schedule.yaml", "end: 2023-07-20")
    line = line_of(sample, board, "deadline: 2023-06-30")
    assert (
        f"{board}:{line}:15: assignments[2].deadline: step 'de-cuong' is given two different "
        f"dates: 30/06/2023 here, 20/07/2023 in content/registries/schedule.yaml:{registry_line}"
    ) in output


def test_a_notice_task_with_another_date_for_its_step_is_located(sample: Path) -> None:
    notices = "registries/concluding-notices.yaml"
    edit(
        sample,
        notices,
        "        step: trinh\n",
        "        step: trinh\n        deadline: 2023-10-20\n",
    )
    code, output = strict_check(sample)
    assert code == 2
    assert "tasks[5].deadline: step 'trinh' is given two different dates: 20/10/2023" in output


def test_a_typed_figure_the_register_contradicts_is_flagged(sample: Path) -> None:
    de_an = "documents/de-an.yaml"
    edit(sample, de_an, 'baseline: "03/{so_csdl_uu_tien_1}"', 'baseline: "03/12"')
    edit(sample, de_an, 'target: "{ty_le_chia_se}"', 'target: "100%"')
    assert CliRunner().invoke(main, ["check", "--project", str(sample)]).exit_code == 0
    code, output = strict_check(sample)
    assert code == 2
    ratio_line = line_of(sample, de_an, "Số cơ sở dữ liệu ưu tiên 1")
    assert (
        f"{de_an}:{ratio_line}:7: warning: goals.targets[2]: typed figure “03/12” about "
        "priority-1 databases: the register holds 10 priority-1 entries"
    ) in output
    assert "typed figure “100%” next to LGSP" in output and "3 marked 'không chia sẻ'" in output


def test_a_typed_count_in_prose_is_flagged(sample: Path) -> None:
    edit(sample, "documents/de-an.yaml", "gồm {so_muc_danh_muc} hệ thống", "gồm 35 hệ thống")
    code, output = strict_check(sample)
    assert code == 2
    assert "typed figure “35 hệ thống thông tin, cơ sở dữ liệu”" in output


def test_a_response_the_draft_does_not_bear_out_is_listed(sample: Path) -> None:
    decision = "documents/qd-danh-muc-csdl.yaml"
    edit(sample, decision, "có hiệu lực kể từ ngày ký", "có hiệu lực thi hành kể từ ngày ký")
    assert CliRunner().invoke(main, ["check", "--project", str(sample)]).exit_code == 0
    code, output = strict_check(sample)
    assert code == 2
    register = "content/feedback/qd-danh-muc-csdl.yaml"
    lines = (sample / "feedback/qd-danh-muc-csdl.yaml").read_text(encoding="utf-8").splitlines()
    start = line_of(sample, "feedback/qd-danh-muc-csdl.yaml", "id: e4b6e91f4c123dd8")
    line = next(n for n in range(start, len(lines)) if "response:" in lines[n - 1])
    assert (
        f"{register}:{line}:15: warning: entries[2].response: comment e4b6e91f4c123dd8: "
        "'tiếp thu' is not borne out by the draft: the accepted deletion of “thi hành” is not "
        "applied in Điều 3"
    ) in output


def test_an_accepted_comment_whose_provision_does_not_read_as_claimed(sample: Path) -> None:
    edit(
        sample,
        "documents/qd-danh-muc-csdl.yaml",
        ",\n            bảo vệ dữ liệu cá nhân theo quy định của pháp luật;",
        ";",
    )
    code, output = strict_check(sample)
    assert code == 2
    assert (
        "comment a80b11ce60196714: 'tiếp thu' is not borne out by the draft: Điều 2, khoản 2, "
        "điểm b does not read “bảo vệ dữ liệu cá nhân theo quy định của pháp luật”"
    ) in output


def test_a_law_cited_before_it_takes_effect_is_an_error(sample: Path) -> None:
    de_an = "documents/de-an.yaml"
    edit(
        sample,
        de_an,
        "  - luat-cntt-2006\n",
        "  - luat-cntt-2006\n  - luat-giao-dich-dien-tu-2023\n",
    )
    result = CliRunner().invoke(main, ["check", "--project", str(sample)])
    assert result.exit_code == 2
    line = line_of(sample, de_an, "  - luat-giao-dich-dien-tu-2023")
    assert (
        f"{de_an}:{line}:5: legal_bases[1]: 'luat-giao-dich-dien-tu-2023' (Luật số "
        "20/2023/QH15) takes effect on 01/07/2024, after this document's year (31/12/2023)"
    ) in result.output


def test_a_leader_named_who_is_not_a_real_person_of_the_registry(sample: Path) -> None:
    report = "documents/bao-cao-tien-do.yaml"
    edit(sample, report, "Phó Chủ nhiệm Nông Quốc Tuấn", "Phó Chủ nhiệm Lò Văn Sương")
    code, output = strict_check(sample)
    assert code == 2
    assert "recipients[1]: names 'Lò Văn Sương' as a leader of the Committee" in output


def test_an_invented_name_on_a_leaders_post_is_an_error(sample: Path) -> None:
    edit(
        sample,
        "registries/organisation.yaml",
        "    identity: real\n    source: Biên bản",
        "    identity: fictional\n    source: Biên bản",
    )
    code, output = strict_check(sample)
    assert code == 2
    assert "'Nông Quốc Tuấn' is an invented name on a real post" in output


def test_a_short_first_mention_of_a_legal_document_is_flagged(sample: Path) -> None:
    edit(
        sample,
        "documents/de-an.yaml",
        "Đề án được phê duyệt tại {vb:qd-414-2019} (Đề án 414)",
        "Đề án 414",
    )
    code, output = strict_check(sample)
    assert code == 2
    assert (
        "warning: the first mention of Quyết định số 414/QĐ-TTg ('qd-414-2019') is "
        "“…giữa Trung ương với địa phương. Đề án 414”, not its full citation"
    ) in output


def test_citations_are_full_first_and_short_after_in_reading_order(sample: Path) -> None:
    from drafter.project import load_project
    from drafter.render.prose import prose_words
    from drafter.workers import render_document

    edit(
        sample,
        "documents/to-trinh.yaml",
        "kính trình Thủ tướng Chính phủ xem xét",
        "căn cứ {vb:qd-1719-2021} kính trình Thủ tướng Chính phủ xem xét",
    )
    project = load_project(sample)
    words = prose_words(render_document(project, project.document("to-trinh"), pdf=False).docx)
    text = " ".join(words)
    assert text.count("Quyết định số 1719/QĐ-TTg ngày 14 tháng 10 năm 2021") == 1
    assert "căn cứ Chương trình 1719 kính trình" in text


def test_an_unknown_citation_id_is_located(sample: Path) -> None:
    edit(sample, "documents/to-trinh.yaml", "{vb:qd-942-2021}", "{vb:qd-942-2012}")
    result = CliRunner().invoke(main, ["check", "--project", str(sample)])
    assert result.exit_code == 2
    assert "unknown legal document 'qd-942-2012'; did you mean 'qd-942-2021'?" in result.output
