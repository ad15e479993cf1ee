"""How the site's forms render: one way, Django's field templates with the site's own markup.

`{{ field.as_field_group }}` draws a field's label, widget, help and errors with
`templates/includes/_field.html` (Bootstrap's classes; the label tied to its control, errors beside it).
"""

from django.forms.renderers import TemplatesSetting


class SiteFormRenderer(TemplatesSetting):
    """Renders forms with the project's template engine, so the site's templates can replace Django's."""

    field_template_name = "includes/_field.html"
