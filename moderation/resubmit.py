"""Pages that stop an admin form before it saves (an edit conflict, a likely duplicate) and offer
to send it again: the submitted fields, ready to be written back as hidden inputs."""


def resubmittable_fields(request, confirm_field):
    """``[(name, value)]`` of the POST, without the CSRF token (the page renders its own) and the
    confirmation flag (the page adds it when the person confirms)."""
    return [
        (name, value)
        for name, values in request.POST.lists()
        for value in values
        if name not in ("csrfmiddlewaretoken", confirm_field)
    ]
