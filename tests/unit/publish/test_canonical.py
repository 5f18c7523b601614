"""The input hash: canonical context JSON, what goes in and what stays out."""

from __future__ import annotations

import datetime as dt
import hashlib

from drafter.publish.canonical import canonical_json, document_inputs


def test_keys_are_sorted_and_text_kept_as_utf8() -> None:
    assert canonical_json({"b": "hòa", "a": 1}) == '{"a":1,"b":"hòa"}'


def test_bytes_become_their_sha256() -> None:
    png = b"\x89PNG fake"
    assert canonical_json({"chart": png}) == (
        '{"chart":"sha256:' + hashlib.sha256(png).hexdigest() + '"}'
    )


def test_dates_are_iso() -> None:
    assert canonical_json([dt.date(2023, 5, 24)]) == '["2023-05-24"]'


def test_draft_marker_is_not_part_of_the_input_hash() -> None:
    first = document_inputs({"title": "A", "draft_marker": "Dự thảo lần 1"}, b"tpl", "0.1.0")
    second = document_inputs({"title": "A", "draft_marker": "Dự thảo lần 7"}, b"tpl", "0.1.0")
    assert first.input_hash == second.input_hash


def test_content_and_template_change_the_input_hash_the_renderer_does_not() -> None:
    base = document_inputs({"title": "A"}, b"tpl", "0.1.0")
    assert document_inputs({"title": "A"}, b"tpl2", "0.1.0").input_hash != base.input_hash
    assert document_inputs({"title": "B"}, b"tpl", "0.1.0").input_hash != base.input_hash
    # the renderer policy: a new drafter version alone cuts no draft (see --rerender)
    assert document_inputs({"title": "A"}, b"tpl", "0.2.0").input_hash == base.input_hash


def test_a_chart_is_hashed_by_its_recipe_and_its_old_png_hash_still_matches() -> None:
    from drafter.context.charts import Picture

    png = b"\x89PNG fake"
    chart = Picture(png, 150.0, {"chart": "bars", "data": [1, 2]})
    inputs = document_inputs({"chart": chart}, b"tpl", "0.1.0")
    assert (
        inputs.context_json == '{"chart":{"recipe":{"chart":"bars","data":[1,2]},"width_mm":150.0}}'
    )
    # what a version recorded before recipes holds: the PNG's hash, no recipe
    old = '{"chart":{"png":"sha256:' + hashlib.sha256(png).hexdigest() + '","width_mm":150.0}}'
    old_hash = hashlib.sha256(old.encode()).hexdigest()
    assert inputs.legacy_context_hash == old_hash
    assert inputs.same_document(old_hash, inputs.template_hash)
    assert inputs.same_document(inputs.context_hash, inputs.template_hash)
    assert not inputs.same_document(old_hash, "0" * 64)
    assert document_inputs({"title": "A"}, b"tpl", "0.1.0").legacy_context_hash == ""
