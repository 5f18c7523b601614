"""Draw the first version of each document kind's Word template.

Run ``python tools/make_templates.py`` to (re)create them under templates/.
Each kind says how its template is drawn (``DocumentKind.template`` in
drafter/kinds/); this script only loops over the kinds.  Once the drafting
team edits a template in Word, that .docx is the source: do not regenerate it
over their changes (``--only NAME`` regenerates one file).
"""

from __future__ import annotations

import argparse
import importlib
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from template_kit import save

from drafter.kinds.registry import builtin_kinds


def main() -> None:
    drawings = {k.template.file: k.template.draw for k in builtin_kinds() if k.template}
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--out", type=Path, default=Path(__file__).resolve().parents[1] / "templates"
    )
    parser.add_argument("--only", choices=sorted(drawings))
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    for name, where in drawings.items():
        if args.only and name != args.only:
            continue
        module, _, function = where.partition(":")
        draw = getattr(importlib.import_module(module), function)
        save(draw(), args.out / name)
        print(f"wrote {args.out / name}")


if __name__ == "__main__":
    main()
