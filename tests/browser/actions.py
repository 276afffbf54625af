"""Pressing a workflow button (templates/partials/actions.html) the way a person does."""


def open_action(page, action):
    """The action's box, opened when it asks for a form or a confirmation first."""
    box = page.locator(f'[data-action="{action}"]').first
    if box.evaluate("e => e.tagName") == "DETAILS":
        box.locator("summary").click()
    return box


def press(page, action, **fields):
    """Open the action, fill its fields by label, send it."""
    box = open_action(page, action)
    for label, value in fields.items():
        box.get_by_label(label).fill(value)
    box.locator('button[type="submit"]').click()
