"""Labels of choice fields for pages that show them on every row."""


def choice_label(field_name, choices):
    """``status_label = choice_label("status", Status)``: the label of the field's value, straight from its enum.
    Django's get_FOO_display() builds a dict of every choice, hashing each lazy label (a translation per choice),
    on every call, which a list pays on every row."""
    return property(lambda obj: choices(getattr(obj, field_name)).label)


def translated_labels(choices):
    """``{value: label}`` of an enum, each label translated into the active language once: a list page's rows
    look their labels up in it instead of translating one a row."""
    return {value: str(label) for value, label in choices.choices}
