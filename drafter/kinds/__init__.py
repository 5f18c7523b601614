"""Document kinds: one module per kind, each exporting one
:class:`~drafter.kinds.base.DocumentKind` as ``KIND``.

A kind says everything about its documents: the content model, its rules
against the registries, the template context, the ``{name}`` placeholders
its text may use, the changelog's names for its items, its metadata (title,
number, date, signer), what else it reads, and how its first Word template is
drawn.  :mod:`drafter.kinds.registry` finds the kinds; a project adds its own
in a ``kinds/`` folder beside drafter.yaml or under ``kinds:`` in it.

This package sits above :mod:`drafter.content` and :mod:`drafter.context`
(it imports them; they never import it).
"""
