"""How the site's forms render: one way, Django's field templates with the site's own markup.

`{{ field.as_field_group }}` draws a field's label, control, help and errors with `templates/includes/_field.html`
(Bootstrap's classes; the label tied to its control, help and errors tied to it by `aria-describedby`; a group of
radios or checkboxes in a fieldset named by its legend). A form built on `SiteForm` gives each control the Bootstrap
class of its kind and marks it invalid while it has errors. A `<form class="form-compact">` draws its fields smaller
(static/css/site.css); a form whose `required_css_class` is "required" marks its required fields with an asterisk.
"""

from django import forms
from django.forms.renderers import TemplatesSetting


class SiteFormRenderer(TemplatesSetting):
    """Renders forms with the project's template engine, so the site's templates can replace Django's."""

    field_template_name = "includes/_field.html"


def control_class(widget: forms.Widget) -> str:
    """Bootstrap's class for a control of this kind."""
    if isinstance(widget, forms.RadioSelect | forms.CheckboxInput):  # CheckboxSelectMultiple is a RadioSelect
        return "form-check-input"
    if isinstance(widget, forms.Select):
        return "form-select"
    return "form-control"


class SiteBoundField(forms.BoundField):
    """A field whose control carries Bootstrap's class (unless its widget names its own) and `is-invalid` while the
    field has errors; Django adds `aria-invalid` and ties help and errors to it."""

    def build_widget_attrs(self, attrs, widget=None):
        attrs = super().build_widget_attrs(attrs, widget)
        widget = widget or self.field.widget
        if not widget.is_hidden:
            classes = widget.attrs.get("class") or control_class(widget)
            attrs["class"] = f"{classes} is-invalid" if self.errors else classes
        return attrs


class SiteForm(forms.Form):
    """A form of the site: its fields drawn with Bootstrap's classes (see SiteBoundField)."""

    bound_field_class = SiteBoundField
