"""How each kind's first Word template is drawn (see ``TemplateDrawing`` in
drafter/kinds/base.py); ``tools/make_templates.py`` runs them."""
