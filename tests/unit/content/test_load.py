from __future__ import annotations

from pathlib import Path

from drafter.content.load import MAX_CONTENT_BYTES, format_path, load_file, load_text


def test_every_value_keeps_its_line_and_column() -> None:
    loaded = load_text("a:\n  b:\n    - x: 1\n    - y: [2, 3]\n", "f.yaml")
    assert loaded.problems == []
    assert loaded.source.values[("a", "b", 0, "x")] == (3, 10)
    assert loaded.source.values[("a", "b", 1, "y", 1)] == (4, 14)
    assert loaded.source.keys[("a", "b")] == (2, 3)


def test_missing_path_is_located_at_nearest_written_ancestor() -> None:
    loaded = load_text("items:\n  - id: a\n", "f.yaml")
    assert loaded.source.locate(("items", 0, "name")) == (2, 5)


def test_duplicate_key_is_an_error_at_the_second_key() -> None:
    loaded = load_text("a: 1\nb: 2\na: 3\n", "f.yaml")
    [problem] = loaded.problems
    assert (problem.line, problem.column, problem.path) == (3, 1, "a")
    assert "first written at line 1" in problem.message
    assert loaded.data == {"a": 1, "b": 2}


def test_impossible_date_is_located() -> None:
    loaded = load_text("d: 2023-02-31\n", "f.yaml")
    [problem] = loaded.problems
    assert problem.format() == "f.yaml:1:4: d: '2023-02-31' is not a valid date (YYYY-MM-DD)"


def test_tab_indentation_names_the_line() -> None:
    loaded = load_text("a:\n\tb: 1\n", "f.yaml")
    assert [p.format() for p in loaded.problems] == [
        "f.yaml:2:1: tab used for indentation; indent with spaces"
    ]


def test_malformed_yaml_is_one_located_problem() -> None:
    [problem] = load_text("a: [1,\nb: 2\n", "f.yaml").problems
    assert problem.line == 3 and problem.message.startswith("malformed YAML")
    assert "started at line 1" in problem.message


def test_text_is_normalised_to_nfc() -> None:
    loaded = load_text('t: "Ho\\u0300a"\n', "f.yaml")
    assert loaded.data == {"t": "Hòa"}


def test_too_large_file_is_refused_before_parsing(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    with path.open("wb") as handle:
        handle.truncate(MAX_CONTENT_BYTES + 1)
    [problem] = load_file(path, "big.yaml").problems
    assert "content files are limited" in problem.message


def test_non_utf8_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    path.write_bytes(b"a: 1\nb: \xe9\n")
    [problem] = load_file(path, "x.yaml").problems
    assert (problem.line, problem.message) == (2, "not UTF-8 text; save the file as UTF-8")


def test_format_path_writes_indices_in_brackets() -> None:
    assert format_path(("databases", 17, "update_cycle")) == "databases[17].update_cycle"


# --------------------------------------------------------------------------- bounded aliases


def _refused_quickly(text: str) -> list[str]:
    """The problems of loading ``text``, checked to take well under a second and a few MB."""
    import time
    import tracemalloc

    # CPU time: the machine running the tests may be busy with other work
    started = time.process_time()
    loaded = load_text(text, "content/x.yaml")
    elapsed = time.process_time() - started
    assert elapsed < 0.5, f"{elapsed:.2f} s"
    tracemalloc.start()
    try:
        load_text(text, "content/x.yaml")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 4 * 1024 * 1024, f"{peak / 1e6:.1f} MB"
    assert loaded.data is None
    return [p.format() for p in loaded.problems]


def test_self_referencing_alias_is_a_located_error() -> None:
    text = "title: Tên\nitems: &loop\n  - name: a\n    children: *loop\n"
    assert _refused_quickly(text) == [
        "content/x.yaml:4:5: items[0].children: "
        "an alias (*name) refers to its own anchor (&name, line 2)"
    ]


def test_billion_laughs_is_a_located_error() -> None:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for n in range(1, 10):
        lines.append(f"a{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 9)}]")
    text = "\n".join(lines) + "\n"
    assert len(text) < 1000
    assert _refused_quickly(text) == [
        "content/x.yaml:5:1: a4[0]: aliases (*name) expand to more than 10,000 values; "
        "write the values out or use fewer nested aliases"
    ]


def test_nesting_beyond_a_sane_depth_is_a_located_error() -> None:
    deep = "x: " + "[" * 100 + "]" * 100 + "\n"
    [message] = _refused_quickly(deep)
    assert message.startswith("content/x.yaml:1:")
    assert "values nest more than 64 levels deep" in message
    very_deep = "x: " + "[" * 20_000 + "]" * 20_000 + "\n"
    [problem] = load_text(very_deep, "content/x.yaml").problems  # libyaml's own bound
    assert problem.line == 1 and "nesting depth" in problem.message


def test_a_few_plain_aliases_are_still_read() -> None:
    text = "unit: &u vu-kh\nfirst: *u\nlist: &l [1, 2]\nagain: *l\n"
    loaded = load_text(text, "content/x.yaml")
    assert loaded.problems == []
    assert loaded.data == {"unit": "vu-kh", "first": "vu-kh", "list": [1, 2], "again": [1, 2]}
