"""The commands over the library, one module each, as the CLI offers them:
``check``, ``preview`` (``build --preview`` and ``watch``), ``history`` and
``diff``.  ``drafter build`` itself is :mod:`drafter.build`; ``status`` is
:func:`drafter.plan.plan`.  Each is a function the CLI and the tests call.
"""
